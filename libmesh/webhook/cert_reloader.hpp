#pragma once
// The serving certificate, read from PEM files and read again when they change (cert-manager
// rotates them in place). Handshakes take whatever pair is current, so rotation needs no restart.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <openssl/ssl.h>

#include "libmesh/core/error.hpp"

namespace mesh::webhook {

/// A loaded certificate chain and key (OpenSSL objects, freed with it).
struct TlsIdentity;

/// Watches a certificate and key file and serves the newest valid pair to TLS handshakes.
class CertReloader {
public:
    /// Called with a line to log: "reloaded ..." or why a changed pair was not taken.
    using Log = std::function<void(const std::string&)>;

    CertReloader(std::string cert_file, std::string key_file, Log log);
    ~CertReloader();
    CertReloader(const CertReloader&) = delete;
    CertReloader& operator=(const CertReloader&) = delete;

    /// Reads both files; fails if either cannot be read or the key does not match the certificate.
    core::Result<void> load();
    /// Polls the files' modification times every `interval` on a thread of its own until
    /// destruction, taking a changed pair once it is valid (a half-written pair is retried).
    void watch(std::chrono::milliseconds interval);
    /// Makes handshakes on `ctx` use the current pair.
    void install(SSL_CTX& ctx);
    /// How many times a changed pair was taken, and how many changed pairs were rejected.
    std::uint64_t reloads() const;
    std::uint64_t reload_errors() const;

private:
    std::string m_cert_file;
    std::string m_key_file;
    Log m_log;
    mutable std::mutex m_mutex;
    std::shared_ptr<const TlsIdentity> m_current;
    std::string m_stamp;  ///< mtimes and sizes of the files when m_current was read
    std::uint64_t m_reloads = 0;
    std::uint64_t m_reload_errors = 0;
    std::string m_rejected_stamp;  ///< a changed pair already reported as invalid
    bool m_stopping = false;
    std::condition_variable m_wake;
    std::thread m_watcher;

    std::string stamp() const;
    void poll();
    std::shared_ptr<const TlsIdentity> current() const;
    static int select_certificate(SSL* ssl, void* self);
};

}  // namespace mesh::webhook
