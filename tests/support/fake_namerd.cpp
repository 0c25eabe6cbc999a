#include "tests/support/fake_namerd.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "libmesh/core/base64.hpp"
#include "libmesh/dtab/delegate_tree.hpp"
#include "libmesh/dtab/parser.hpp"
#include "libmesh/namerd/client.hpp"

namespace mesh::testing {

std::string namerd_etag(std::uint64_t version) {
    unsigned char bytes[8];
    for (int i = 7; i >= 0; --i) {
        bytes[i] = static_cast<unsigned char>(version & 0xff);
        version >>= 8;
    }
    return mesh::core::base64_encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

namespace {

const char* k_json = "application/json";

// namerd picks the first listed acceptable media type and ignores q-values.
std::string negotiate(const std::string& accept) {
    std::size_t pos = 0;
    while (pos <= accept.size()) {
        std::size_t comma = accept.find(',', pos);
        std::string item = accept.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        item = item.substr(0, item.find(';'));
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        std::transform(item.begin(), item.end(), item.begin(), [](unsigned char c) { return std::tolower(c); });
        if (item == "application/json" || item == "application/dtab" || item == "text/plain") return item;
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    return k_json;
}

std::string render(const dtab::Dtab& d, const std::string& type) {
    return type == k_json ? namerd::dtab_to_json(d) + "\n" : dtab::show(d) + "\n";
}

std::string media_type(const httplib::Request& req) {
    std::string ct = req.get_header_value("Content-Type");
    ct = ct.substr(0, ct.find(';'));
    ct.erase(ct.find_last_not_of(" \t") + 1);
    return ct;
}

bool known_type(const std::string& t) {
    return t == "application/json" || t == "application/dtab" || t == "text/plain";
}

struct Decoded {
    std::optional<dtab::Dtab> dtab;
    int status = 0;
    std::string body;
};

Decoded decode(const httplib::Request& req, const std::string& type, bool text_errors_have_body) {
    Decoded out;
    if (type == "application/json") {
        try {
            auto j = nlohmann::json::parse(req.body);
            if (j.is_array() && std::any_of(j.begin(), j.end(), [](const auto& e) { return e.is_null(); })) {
                out.status = 400;
                out.body = "The dtab contains invalid dentries: " + req.body;
                return out;
            }
        } catch (const std::exception&) {
        }
        auto d = namerd::dtab_from_json(req.body);
        if (!d) {
            out.status = 400;
            return out;
        }
        out.dtab = std::move(*d);
        return out;
    }
    dtab::ParseOptions full;
    full.full_context = true;
    auto d = dtab::parse_dtab(req.body, full);
    if (!d) {
        out.status = 400;
        if (text_errors_have_body) out.body = d.error().message;
        return out;
    }
    out.dtab = std::move(*d);
    return out;
}

// linkerd's DelegateApiHandler, which namerd also serves at /api/1/delegate (no namespace).
void serve_delegator(const httplib::Request& req, httplib::Response& res,
                     const std::vector<std::string>& plain_namespaces) {
    std::string ns = req.get_param_value("namespace");
    std::string dtab_text = req.get_param_value("dtab");
    std::string raw_path = req.get_param_value("path");
    if (req.method == "POST") {
        if (req.get_header_value("Content-Type") != "application/json") {
            res.status = 415;
            return;
        }
        try {
            auto j = nlohmann::json::parse(req.body);
            if (!j.is_object() || !j.contains("path") || !j.contains("dtab") || !j["path"].is_string() ||
                !j["dtab"].is_string())
                throw std::runtime_error("fields");
            raw_path = j["path"].get<std::string>();
            dtab_text = j["dtab"].get<std::string>();
            if (j.contains("namespace") && j["namespace"].is_string()) ns = j["namespace"].get<std::string>();
        } catch (const std::exception&) {
            res.status = 400;
            res.set_content("Malformed delegation request: " + req.body, "text/plain");
            return;
        }
    }
    if (std::find(plain_namespaces.begin(), plain_namespaces.end(), ns) != plain_namespaces.end()) {
        res.status = 501;
        res.set_content("Name Interpreter for " + ns + " cannot show delegations", "text/plain");
        return;
    }
    auto table = dtab::parse_dtab(dtab_text);
    if (!table) {
        res.status = 400;
        res.set_content("Invalid dtab: " + table.error().message, "text/plain");
        return;
    }
    auto path = dtab::parse_path(raw_path);
    if (!path) {
        res.status = 400;
        res.set_content("Invalid path: " + path.error().message, "text/plain");
        return;
    }
    dtab::NamerConfig config;
    config.symbolic_hash_namers = false;
    dtab::Namers namers(config);
    auto tree = dtab::delegate(*table, *path, namers);
    if (!tree) {
        res.status = 500;
        return;
    }
    res.set_content(dtab::to_json(*tree), k_json);
}

}  // namespace

FakeNamerd::FakeNamerd() : m_server(std::make_unique<httplib::Server>()) {
    install_routes();
    m_port = m_server->bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    // stop() before the accept loop runs would leave it running forever; wait for it.
    while (!m_server->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeNamerd::~FakeNamerd() {
    m_stopping = true;
    m_changed.notify_all();
    m_server->stop();
    if (m_thread.joinable()) m_thread.join();
}

std::string FakeNamerd::url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

void FakeNamerd::bump(const std::string& ns, dtab::Dtab d) {
    if (!m_store.count(ns)) m_order.push_back(ns);
    Entry& e = m_store[ns];
    e.dtab = std::move(d);
    ++e.version;
    ++m_changes;
    m_changed.notify_all();
}

void FakeNamerd::set(const std::string& ns, const std::string& dtab_text) {
    std::lock_guard lock(m_mutex);
    bump(ns, *dtab::parse_dtab(dtab_text));
}

std::optional<std::string> FakeNamerd::stored(const std::string& ns) const {
    std::lock_guard lock(m_mutex);
    auto it = m_store.find(ns);
    if (it == m_store.end()) return std::nullopt;
    return dtab::show(it->second.dtab);
}

std::string FakeNamerd::etag(const std::string& ns) const {
    std::lock_guard lock(m_mutex);
    auto it = m_store.find(ns);
    return it == m_store.end() ? std::string() : namerd_etag(it->second.version);
}

void FakeNamerd::fail_watches(const std::string& message) {
    std::lock_guard lock(m_mutex);
    m_watch_failure = message;
    m_changed.notify_all();
}

std::vector<std::string> FakeNamerd::requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
}

bool FakeNamerd::wait_for_watch_writes(std::size_t count) const {
    std::unique_lock lock(m_mutex);
    return m_watch_written.wait_for(lock, std::chrono::seconds(10), [&] { return m_watch_writes >= count; });
}

void FakeNamerd::install_routes() {
    auto& s = *m_server;
    s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
        {
            std::lock_guard lock(m_mutex);
            m_requests.push_back(req.method + " " + req.path);
        }
        if (int ms = m_delay_ms.load(); ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        return httplib::Server::HandlerResponse::Unhandled;
    });

    // Any method on /api/1/dtabs or /api/1/dtabs/ lists the namespaces.
    auto list = [this](const httplib::Request& req, httplib::Response& res) {
        if (req.get_param_value("watch") == "true") {
            res.set_chunked_content_provider(
                k_json, [this, last = std::string()](std::size_t, httplib::DataSink& sink) mutable {
                    std::unique_lock lock(m_mutex);
                    std::uint64_t seen = m_changes;
                    nlohmann::json names = nlohmann::json::array();  // creation order: not sorted
                    for (const auto& ns : m_order) names.push_back(ns);
                    std::string body = names.dump() + "\n";
                    if (body != last) {
                        last = body;
                        lock.unlock();
                        sink.write(body.data(), body.size());
                        lock.lock();
                        ++m_watch_writes;
                        m_watch_written.notify_all();
                    }
                    m_changed.wait_for(lock, std::chrono::milliseconds(100),
                                       [&] { return m_stopping || m_changes != seen || m_watch_failure; });
                    if (m_stopping || m_watch_failure) {
                        std::string msg = m_watch_failure.value_or("") + "\n";
                        lock.unlock();
                        if (m_watch_failure) sink.write(msg.data(), msg.size());
                        sink.done();
                    }
                    return true;
                });
            return;
        }
        std::lock_guard lock(m_mutex);
        nlohmann::json names = nlohmann::json::array();
        for (const auto& [ns, e] : m_store) names.push_back(ns);  // std::map: sorted
        res.set_content(names.dump() + "\n", k_json);
    };
    for (const char* pattern : {"/api/1/dtabs", "/api/1/dtabs/"}) {
        s.Get(pattern, list);
        s.Post(pattern, list);
        s.Put(pattern, list);
        s.Delete(pattern, list);
    }

    s.Get(R"(/api/1/dtabs/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
        std::string ns = req.matches[1];
        std::string type = negotiate(req.get_header_value("Accept"));
        std::unique_lock lock(m_mutex);
        auto it = m_store.find(ns);
        // Real namerd answers a watch of a missing namespace with 200 and streams nothing.
        if (it == m_store.end() && req.get_param_value("watch") != "true") {
            res.status = 404;
            return;
        }
        if (req.get_param_value("watch") == "true") {
            lock.unlock();
            res.set_chunked_content_provider(
                type, [this, ns, type, last = std::string()](std::size_t, httplib::DataSink& sink) mutable {
                    std::unique_lock l(m_mutex);
                    std::uint64_t seen = m_changes;
                    auto e = m_store.find(ns);
                    if (e != m_store.end()) {
                        std::string body = render(e->second.dtab, type);
                        if (body != last) {  // repeats are suppressed
                            last = body;
                            l.unlock();
                            sink.write(body.data(), body.size());
                            l.lock();
                            ++m_watch_writes;
                            m_watch_written.notify_all();
                        }
                    }
                    m_changed.wait_for(l, std::chrono::milliseconds(100),
                                       [&] { return m_stopping || m_changes != seen || m_watch_failure; });
                    if (m_stopping || m_watch_failure) {
                        std::string msg = m_watch_failure.value_or("") + "\n";
                        bool failed = m_watch_failure.has_value();
                        l.unlock();
                        if (failed) sink.write(msg.data(), msg.size());
                        sink.done();
                    }
                    return true;
                });
            return;
        }
        res.set_header("ETag", namerd_etag(it->second.version));
        res.set_content(render(it->second.dtab, type), type.c_str());
    });

    s.Post(R"(/api/1/dtabs/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
        std::string type = media_type(req);
        if (!known_type(type)) {
            res.status = 400;
            return;
        }
        Decoded d = decode(req, type, false);
        if (!d.dtab) {
            res.status = d.status;
            if (!d.body.empty()) res.set_content(d.body, "text/plain");
            return;
        }
        std::lock_guard lock(m_mutex);
        std::string ns = req.matches[1];
        if (m_store.count(ns)) {
            res.status = 409;
            return;
        }
        bump(ns, std::move(*d.dtab));
        res.status = 204;
    });

    s.Put(R"(/api/1/dtabs/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
        std::string type = media_type(req);
        if (!known_type(type)) {
            res.status = 400;
            res.set_content("Invalid Content-Type \"" + req.get_header_value("Content-Type") + "\". ", "text/plain");
            return;
        }
        Decoded d = decode(req, type, true);
        if (!d.dtab) {
            res.status = d.status;
            if (!d.body.empty()) res.set_content(d.body, "text/plain");
            return;
        }
        std::lock_guard lock(m_mutex);
        std::string ns = req.matches[1];
        if (req.has_header("If-Match")) {
            auto it = m_store.find(ns);
            if (it == m_store.end()) {
                res.status = 404;
                return;
            }
            if (req.get_header_value("If-Match") != namerd_etag(it->second.version)) {
                res.status = 412;
                return;
            }
        }
        bump(ns, std::move(*d.dtab));
        res.status = 204;
    });

    s.Delete(R"(/api/1/dtabs/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(m_mutex);
        std::string ns = req.matches[1];
        if (!m_store.erase(ns)) {
            res.status = 404;
            return;
        }
        m_order.erase(std::remove(m_order.begin(), m_order.end(), ns), m_order.end());
        ++m_changes;
        m_changed.notify_all();
        res.status = 204;
    });

    auto delegator = [this](const httplib::Request& req, httplib::Response& res) {
        if (!req.has_param("path")) {
            res.status = 500;  // the routing layer needs the path query parameter even for POST
            return;
        }
        std::vector<std::string> plain;
        {
            std::lock_guard lock(m_mutex);
            plain = m_plain_namespaces;
        }
        serve_delegator(req, res, plain);
    };
    s.Get("/api/1/delegate", delegator);
    s.Post("/api/1/delegate", delegator);

    s.Get(R"(/api/1/delegate/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
        if (!req.has_param("path")) {
            res.status = 500;  // namerd's missing-path quirk: a server error, not a 400
            return;
        }
        std::string raw = req.get_param_value("path");
        auto path = dtab::parse_path(raw);
        if (!path) {
            res.status = 400;
            res.set_content("Invalid path: " + raw + " / " + path.error().message, "text/plain");
            return;
        }
        dtab::Dtab table;
        {
            std::lock_guard lock(m_mutex);
            auto it = m_store.find(req.matches[1]);
            if (it == m_store.end()) {
                res.status = 404;
                return;
            }
            table = it->second.dtab;
        }
        if (req.has_param("dtab")) {
            auto extra = dtab::parse_dtab(req.get_param_value("dtab"));
            if (!extra) {
                res.status = 500;
                return;
            }
            table = dtab::concat(table, *extra);
        }
        dtab::NamerConfig config;
        config.symbolic_hash_namers = false;
        dtab::Namers namers(config);
        auto tree = dtab::delegate(table, *path, namers);
        if (!tree) {
            res.status = 500;
            return;
        }
        res.set_content(dtab::to_json(*tree), k_json);
    });
}

RawServer::RawServer(Mode mode) : m_mode(mode) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(m_fd, 16);
    socklen_t len = sizeof addr;
    ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] {
        while (!m_stop) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            int c = ::accept(m_fd, nullptr, nullptr);
            if (c < 0) continue;
            char buf[4096];
            pollfd pc{c, POLLIN, 0};
            if (::poll(&pc, 1, 1000) > 0) (void)::recv(c, buf, sizeof buf, 0);
            if (m_mode == Mode::Garbage) {
                const char garbage[] = "\x16\x03\x01 this is not HTTP \xff\xfe\r\n\r\n";
                (void)::send(c, garbage, sizeof garbage - 1, MSG_NOSIGNAL);
            }
            ::close(c);
        }
    });
}

RawServer::~RawServer() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    ::close(m_fd);
}

std::string RawServer::url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

}  // namespace mesh::testing
