#pragma once
// Test helpers for the webhook server: a throwaway PKI on disk and a raw TLS client that can
// stall mid-request.

#include <chrono>
#include <filesystem>
#include <string>

#include <openssl/ssl.h>

#include "libmesh/webhook/certs.hpp"

namespace mesh::testing {

/// A temporary directory holding ca.crt, tls.crt and tls.key for 127.0.0.1; removed on destruction.
class TestPki {
public:
    TestPki();
    ~TestPki();
    /// Writes a fresh CA and serving pair over the files (a rotation).
    void rotate();
    std::string ca_file() const { return (m_dir / "ca.crt").string(); }
    std::string cert_file() const { return (m_dir / "tls.crt").string(); }
    std::string key_file() const { return (m_dir / "tls.key").string(); }
    std::filesystem::path dir() const { return m_dir; }

private:
    std::filesystem::path m_dir;
};

/// A TLS connection to 127.0.0.1:port that writes and reads exactly what the test says.
class RawTlsClient {
public:
    /// Connects and, unless `handshake` is false, completes the TLS handshake (no verification).
    RawTlsClient(int port, bool handshake = true);
    ~RawTlsClient();
    bool connected() const { return m_ssl != nullptr || (!m_handshake && m_fd >= 0); }
    void write(const std::string& bytes);
    /// Reads until the peer closes or `limit` passes; sets `closed` when the peer closed.
    std::string read_until_closed(std::chrono::milliseconds limit, bool& closed);

private:
    int m_fd = -1;
    bool m_handshake = true;
    SSL_CTX* m_ctx = nullptr;
    SSL* m_ssl = nullptr;
};

}  // namespace mesh::testing
