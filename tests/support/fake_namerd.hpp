#pragma once
// A fake namerd for tests: io.l5d.httpController's dtab API (spec/dtab.md section 5) on
// loopback, with an in-memory store, ETags, watch streams and a slow mode; plus a raw server that
// closes connections or answers garbage.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "libmesh/dtab/dtab.hpp"

namespace httplib {
class Server;
}

namespace mesh::testing {

/// namerd's HTTP control API over an in-memory dtab store, on 127.0.0.1 and an OS-chosen port.
class FakeNamerd {
public:
    FakeNamerd();
    ~FakeNamerd();
    FakeNamerd(const FakeNamerd&) = delete;
    FakeNamerd& operator=(const FakeNamerd&) = delete;

    /// `http://127.0.0.1:<port>`.
    std::string url() const;
    /// Stores `dtab_text` under `ns` as a client write would (version + 1).
    void set(const std::string& ns, const std::string& dtab_text);
    /// The stored dtab's Finagle form, or nullopt.
    std::optional<std::string> stored(const std::string& ns) const;
    /// The ETag namerd would send for `ns` (base64 of the 8-byte big-endian version).
    std::string etag(const std::string& ns) const;
    /// Every request handler first sleeps this long.
    void set_delay_ms(int ms) { m_delay_ms = ms; }
    /// Running and future watches write `message` as a last line and end the stream.
    void fail_watches(const std::string& message);
    /// Namespaces whose interpreter cannot delegate (501 on /api/1/delegate?namespace=NS).
    void set_plain_namespaces(std::vector<std::string> names) {
        std::lock_guard lock(m_mutex);
        m_plain_namespaces = std::move(names);
    }
    /// "METHOD path" of every request so far.
    std::vector<std::string> requests() const;
    /// Waits (up to 10 s) until watches have written `count` bodies (dtab versions or namespace
    /// lists) in all; false on timeout. Tests change the store only after a watcher has been sent
    /// what came before, so what it receives does not depend on how fast it connected.
    bool wait_for_watch_writes(std::size_t count) const;

private:
    struct Entry {
        dtab::Dtab dtab;
        std::uint64_t version = 0;
    };
    void install_routes();
    void bump(const std::string& ns, dtab::Dtab d);

    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    int m_port = 0;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<std::string, Entry> m_store;
    std::vector<std::string> m_order;  // namespaces in creation order (watch lists are unsorted)
    std::uint64_t m_changes = 0;
    std::size_t m_watch_writes = 0;  // bodies written to watches
    mutable std::condition_variable m_watch_written;
    std::optional<std::string> m_watch_failure;
    std::vector<std::string> m_requests;
    std::vector<std::string> m_plain_namespaces;
    std::atomic<int> m_delay_ms{0};
    std::atomic<bool> m_stopping{false};
};

/// A TCP server on loopback that reads a request and then closes, or answers garbage.
class RawServer {
public:
    enum class Mode { Close, Garbage };
    /// Starts listening at once.
    explicit RawServer(Mode mode);
    ~RawServer();
    /// `http://127.0.0.1:<port>`.
    std::string url() const;

private:
    Mode m_mode;
    int m_fd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

/// base64 of the 8-byte big-endian `version` (namerd's in-memory store ETag).
std::string namerd_etag(std::uint64_t version);

}  // namespace mesh::testing
