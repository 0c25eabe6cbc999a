#include "libmesh/webhook/cert_reloader.hpp"

#include <sys/stat.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fmt/format.h>

namespace mesh::webhook {

struct TlsIdentity {
    X509* cert = nullptr;
    STACK_OF(X509) * chain = nullptr;
    EVP_PKEY* key = nullptr;

    TlsIdentity() = default;
    TlsIdentity(const TlsIdentity&) = delete;
    TlsIdentity& operator=(const TlsIdentity&) = delete;
    ~TlsIdentity() {
        X509_free(cert);
        sk_X509_pop_free(chain, X509_free);
        EVP_PKEY_free(key);
    }
};

namespace {

core::Error tls_error(const std::string& message) {
    unsigned long code = ERR_get_error();
    std::string detail;
    if (code != 0) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        detail = std::string(": ") + buffer;
    }
    ERR_clear_error();
    return core::Error{core::ErrorCode::Input, message + detail, {}, {}};
}

core::Result<std::shared_ptr<TlsIdentity>> read_identity(const std::string& cert_file, const std::string& key_file) {
    auto identity = std::make_shared<TlsIdentity>();
    BIO* bio = BIO_new_file(cert_file.c_str(), "r");
    if (!bio) return tl::unexpected(tls_error(fmt::format("cannot read the certificate {}", cert_file)));
    identity->cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    identity->chain = sk_X509_new_null();
    while (X509* extra = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) sk_X509_push(identity->chain, extra);
    ERR_clear_error();  // the loop ends on "no start line"
    BIO_free(bio);
    if (!identity->cert) return tl::unexpected(tls_error(fmt::format("{} holds no PEM certificate", cert_file)));
    bio = BIO_new_file(key_file.c_str(), "r");
    if (!bio) return tl::unexpected(tls_error(fmt::format("cannot read the key {}", key_file)));
    identity->key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!identity->key) return tl::unexpected(tls_error(fmt::format("{} holds no PEM private key", key_file)));
    if (X509_check_private_key(identity->cert, identity->key) != 1)
        return tl::unexpected(
            tls_error(fmt::format("the key in {} does not match the certificate in {}", key_file, cert_file)));
    return identity;
}

std::string file_stamp(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return "missing";
    return fmt::format("{}.{}:{}:{}", st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_size, st.st_ino);
}

}  // namespace

CertReloader::CertReloader(std::string cert_file, std::string key_file, Log log)
    : m_cert_file(std::move(cert_file)), m_key_file(std::move(key_file)), m_log(std::move(log)) {}

CertReloader::~CertReloader() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_watcher.joinable()) m_watcher.join();
}

std::string CertReloader::stamp() const { return file_stamp(m_cert_file) + "|" + file_stamp(m_key_file); }

core::Result<void> CertReloader::load() {
    std::string before = stamp();
    auto identity = read_identity(m_cert_file, m_key_file);
    if (!identity) return tl::unexpected(identity.error());
    std::lock_guard lock(m_mutex);
    m_current = std::move(*identity);
    m_stamp = before;
    return {};
}

void CertReloader::poll() {
    std::string now = stamp();
    {
        std::lock_guard lock(m_mutex);
        if (now == m_stamp || now == m_rejected_stamp) return;
    }
    auto identity = read_identity(m_cert_file, m_key_file);
    // Only a pair that did not change while it was read is taken, so a rotation caught halfway is
    // read again at the next poll.
    bool stable = stamp() == now;
    std::lock_guard lock(m_mutex);
    if (identity && stable) {
        m_current = std::move(*identity);
        m_stamp = now;
        ++m_reloads;
        if (m_log) m_log(fmt::format("reloaded the certificate {} and key {}", m_cert_file, m_key_file));
    } else if (!identity && stable) {
        m_rejected_stamp = now;
        ++m_reload_errors;
        if (m_log) m_log("kept the previous certificate: " + identity.error().message);
    }
}

void CertReloader::watch(std::chrono::milliseconds interval) {
    m_watcher = std::thread([this, interval] {
        std::unique_lock lock(m_mutex);
        while (!m_stopping) {
            if (m_wake.wait_for(lock, interval, [this] { return m_stopping; })) break;
            lock.unlock();
            poll();
            lock.lock();
        }
    });
}

std::shared_ptr<const TlsIdentity> CertReloader::current() const {
    std::lock_guard lock(m_mutex);
    return m_current;
}

std::uint64_t CertReloader::reloads() const {
    std::lock_guard lock(m_mutex);
    return m_reloads;
}

std::uint64_t CertReloader::reload_errors() const {
    std::lock_guard lock(m_mutex);
    return m_reload_errors;
}

// OpenSSL asks for the certificate of each handshake here; the SSL object takes its own
// references, so a pair swapped out meanwhile stays alive for the connections using it.
int CertReloader::select_certificate(SSL* ssl, void* self) {
    auto identity = static_cast<CertReloader*>(self)->current();
    if (!identity) return 0;
    if (SSL_use_certificate(ssl, identity->cert) != 1 || SSL_use_PrivateKey(ssl, identity->key) != 1 ||
        SSL_set1_chain(ssl, identity->chain) != 1)
        return 0;
    return 1;
}

void CertReloader::install(SSL_CTX& ctx) { SSL_CTX_set_cert_cb(&ctx, &CertReloader::select_certificate, this); }

}  // namespace mesh::webhook
