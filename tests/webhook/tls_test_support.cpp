#include "tests/webhook/tls_test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <stdexcept>

namespace mesh::testing {

namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

TestPki::TestPki() {
    std::random_device random;
    m_dir = std::filesystem::temp_directory_path() / ("mesh-webhook-test-" + std::to_string(random()));
    std::filesystem::create_directories(m_dir);
    rotate();
}

TestPki::~TestPki() {
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
}

void TestPki::rotate() {
    auto ca = webhook::make_ca("mesh test CA", 1);
    if (!ca) throw std::runtime_error(ca.error().message);
    auto serving = webhook::make_serving_cert(*ca, {"localhost", "127.0.0.1"}, 1);
    if (!serving) throw std::runtime_error(serving.error().message);
    write_file(m_dir / "ca.crt", ca->cert);
    // Key first, then certificate: a reader between the two sees a mismatched pair and must retry.
    write_file(m_dir / "tls.key", serving->key);
    write_file(m_dir / "tls.crt", serving->cert);
}

RawTlsClient::RawTlsClient(int port, bool handshake) : m_handshake(handshake) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(m_fd);
        m_fd = -1;
        return;
    }
    if (!handshake) return;
    m_ctx = SSL_CTX_new(TLS_client_method());
    m_ssl = SSL_new(m_ctx);
    SSL_set_fd(m_ssl, m_fd);
    if (SSL_connect(m_ssl) != 1) {
        SSL_free(m_ssl);
        m_ssl = nullptr;
    }
}

RawTlsClient::~RawTlsClient() {
    if (m_ssl) SSL_free(m_ssl);
    if (m_ctx) SSL_CTX_free(m_ctx);
    if (m_fd >= 0) ::close(m_fd);
}

void RawTlsClient::write(const std::string& bytes) {
    if (m_ssl)
        SSL_write(m_ssl, bytes.data(), static_cast<int>(bytes.size()));
    else if (m_fd >= 0)
        (void)!::write(m_fd, bytes.data(), bytes.size());
}

std::string RawTlsClient::read_until_closed(std::chrono::milliseconds limit, bool& closed) {
    closed = false;
    std::string out;
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (!(m_ssl && SSL_pending(m_ssl) > 0)) {
            pollfd p{m_fd, POLLIN, 0};
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (::poll(&p, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) continue;
        }
        char buffer[4096];
        long n = m_ssl ? SSL_read(m_ssl, buffer, sizeof buffer) : ::read(m_fd, buffer, sizeof buffer);
        if (n <= 0) {
            closed = true;
            return out;
        }
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
}

}  // namespace mesh::testing
