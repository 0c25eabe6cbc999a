#include "tests/support/fake_kube_api.hpp"
#include "tests/support/build_paths.hpp"

#include "tests/support/loopback_server.hpp"

#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <csignal>
#include <optional>

namespace mesh::testing {

using nlohmann::json;

std::string testdata_path(const std::string& relative) {
    return std::string(mesh::testing::source_dir()) + "/testdata/" + relative;
}

static json status(int code, const std::string& reason, const std::string& message) {
    return {{"kind", "Status"},    {"apiVersion", "v1"}, {"metadata", json::object()},
            {"status", "Failure"}, {"message", message}, {"reason", reason},
            {"code", code}};
}

static json pod_json(const FakePod& p, const std::string& ns, int index);

static void reply_status(httplib::Response& res, int code, const std::string& reason, const std::string& message) {
    res.status = code;
    res.set_content(status(code, reason, message).dump(), "application/json");
}

FakeKubeApi::FakeKubeApi(FakeKubeOptions options) : m_options(std::move(options)) {
    for (std::size_t i = 0; i < m_options.pods.size(); ++i) {
        json pod = pod_json(m_options.pods[i], m_options.namespace_name, static_cast<int>(i));
        m_listed.push_back({m_options.namespace_name, pod["metadata"]["labels"], pod.dump()});
    }
    for (const auto& pod : m_options.workload_pods) {
        const json& meta = pod.at("metadata");
        m_listed.push_back({meta.at("namespace").get<std::string>(), meta.value("labels", json::object()), pod.dump()});
    }
    std::string crt = testdata_path("kube/tls/server.crt"), key = testdata_path("kube/tls/server.key");
    std::string client_ca = testdata_path("kube/tls/client.crt");
    m_server = m_options.client_cert_auth
                   ? std::make_unique<httplib::SSLServer>(crt.c_str(), key.c_str(), client_ca.c_str())
                   : std::make_unique<httplib::SSLServer>(crt.c_str(), key.c_str());
    routes();
    // One thread per keep-alive connection: give the many parallel pod-proxy requests enough.
    m_server->new_task_queue = [] { return new httplib::ThreadPool(48); };
    m_server->set_keep_alive_timeout(1);
    m_port = start_loopback_server(*m_server, m_thread);
}

FakeKubeApi::~FakeKubeApi() {
    release();
    stop_loopback_server(*m_server, m_thread);
}

bool FakeKubeApi::fault_holding() {
    std::lock_guard lock(m_fault_mutex);
    return m_holding;
}

bool FakeKubeApi::fault_waited_out() {
    std::lock_guard lock(m_fault_mutex);
    return m_waited_out;
}

void FakeKubeApi::release() {
    std::lock_guard lock(m_fault_mutex);
    m_released = true;
    m_fault_changed.notify_all();
}

// The fault of the listing's request number `request`: waits and holds it asks for, then a Status
// answer in `res` (its status set) or `repeat_continue` for the page.
void FakeKubeApi::apply_fault(int request, httplib::Response& res, bool& repeat_continue) {
    const auto& fault = m_options.workload_list_fault;
    if (!fault || fault->request != request) return;
    std::unique_lock lock(m_fault_mutex);
    auto limit = std::chrono::seconds(60);
    if (!m_fault_changed.wait_for(lock, limit, [&] { return m_proxied.load() >= fault->wait_for_proxied; }))
        m_waited_out = true;
    // The command's InterruptGuard is installed while it samples: not when the wait ran out (SIGINT
    // would end the test process).
    if (fault->ctrl_c && !m_waited_out) ::kill(::getpid(), SIGINT);
    if (fault->hold) {
        m_holding = true;
        if (!m_fault_changed.wait_for(lock, limit, [this] { return m_released; })) m_waited_out = true;
        m_holding = false;
    }
    if (fault->status != 0) reply_status(res, fault->status, fault->reason, fault->message);
    repeat_continue = fault->repeat_continue;
}

std::string FakeKubeApi::url() const { return "https://127.0.0.1:" + std::to_string(m_port); }

bool FakeKubeApi::authorised(const httplib::Request& req, httplib::Response& res) {
    if (m_options.client_cert_auth) return true;  // the TLS handshake already verified the client
    std::string header = req.get_header_value("Authorization");
    if (header.rfind("Bearer ", 0) == 0 && m_options.tokens.count(header.substr(7))) return true;
    ++m_unauthorized;
    reply_status(res, 401, "Unauthorized", "Unauthorized");
    return false;
}

static json pod_json(const FakePod& p, const std::string& ns, int index) {
    return {{"metadata",
             {{"name", p.name},
              {"namespace", ns},
              {"labels", {{"app", "l5d"}}},
              {"ownerReferences", {{{"kind", "DaemonSet"}, {"name", "l5d"}}}}}},
            {"spec",
             {{"nodeName", p.node},
              {"containers",
               {{{"name", "l5d"},
                 {"image", "buoyantio/linkerd:1.7.5"},
                 {"ports",
                  {{{"name", "outgoing"}, {"containerPort", 4140}}, {{"name", "admin"}, {"containerPort", 9990}}}}}}}}},
            {"status",
             {{"phase", p.phase},
              {"podIP", "10.244.0." + std::to_string(index + 2)},
              {"conditions", {{{"type", "Ready"}, {"status", p.ready ? "True" : "False"}}}},
              {"containerStatuses", {{{"name", "l5d"}, {"ready", p.ready}, {"restartCount", p.restarts}}}}}}};
}

// Equality-based selectors as the API server reads them: "k=v", "k==v", "k!=v", "k", "!k", joined
// by commas; nullopt for anything else (set-based selectors are not needed by the tests).
static std::optional<bool> selector_matches(const std::string& selector, const json& labels) {
    std::size_t pos = 0;
    while (pos <= selector.size() && !selector.empty()) {
        auto comma = selector.find(',', pos);
        std::string term = selector.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        pos = comma == std::string::npos ? selector.size() + 1 : comma + 1;
        if (term.find_first_of(" ()") != std::string::npos || term.empty()) return std::nullopt;
        auto value_of = [&labels](const std::string& key) -> std::optional<std::string> {
            auto it = labels.find(key);
            if (it == labels.end() || !it->is_string()) return std::nullopt;
            return it->get<std::string>();
        };
        if (auto ne = term.find("!="); ne != std::string::npos) {
            if (value_of(term.substr(0, ne)) == term.substr(ne + 2)) return false;
        } else if (auto eq = term.find('='); eq != std::string::npos) {
            std::size_t skip = term.compare(eq, 2, "==") == 0 ? 2 : 1;
            if (value_of(term.substr(0, eq)) != term.substr(eq + skip)) return false;
        } else if (term[0] == '!') {
            if (value_of(term.substr(1))) return false;
        } else if (!value_of(term)) {
            return false;
        }
    }
    return true;
}

// What kube-apiserver does with a large list: gzip at level 1 above 128 KiB when the client accepts
// it (defaultGzipThresholdBytes, defaultGzipContentEncodingLevel). Without this, cpp-httplib would
// compress every JSON answer with Brotli at its slowest quality, and a 2.5 MB page of 500 pods
// would cost the fake a second. The charset parameter keeps cpp-httplib from compressing again.
static void reply_list(const httplib::Request& req, httplib::Response& res, const std::string& body) {
    if (body.size() <= (128u << 10) || req.get_header_value("Accept-Encoding").find("gzip") == std::string::npos)
        return res.set_content(body, "application/json; charset=utf-8");
    z_stream z{};
    deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, body.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    z.avail_in = static_cast<uInt>(body.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    res.set_header("Content-Encoding", "gzip");
    res.set_content(out, "application/json; charset=utf-8");
}

void FakeKubeApi::list_pods(const httplib::Request& req, httplib::Response& res, const std::string* ns) {
    if (!authorised(req, res)) return;
    ++m_lists;
    bool repeat_continue = false;
    if (!ns || *ns != m_options.namespace_name) {
        apply_fault(m_workload_lists++, res, repeat_continue);
        if (res.status >= 400) return;
    }
    std::string selector = req.get_param_value("labelSelector");
    if (!selector_matches(selector, json::object()))
        return reply_status(res, 400, "BadRequest", "unable to parse requirement: " + selector);
    std::vector<const ListedPod*> matching;
    for (const auto& p : m_listed) {
        if (ns && p.namespace_name != *ns) continue;
        auto match = selector_matches(selector, p.labels);
        if (!match) return reply_status(res, 400, "BadRequest", "unable to parse requirement: " + selector);
        if (*match) matching.push_back(&p);
    }
    std::size_t start = 0;
    if (req.has_param("continue")) {
        ++m_continues;
        start = std::stoul(req.get_param_value("continue").substr(4));  // "tok-<index>"
    }
    std::size_t limit = req.has_param("limit") ? std::stoul(req.get_param_value("limit")) : 1000;
    std::size_t take = std::min<std::size_t>(limit, static_cast<std::size_t>(m_options.max_page));
    std::string items;
    std::size_t i = start;
    for (; i < matching.size() && i < start + take; ++i) items += (i > start ? "," : "") + matching[i]->text;
    json meta = {{"resourceVersion", "912"}};
    if (repeat_continue)
        meta["continue"] = "tok-" + std::to_string(start);
    else if (i < matching.size())
        meta["continue"] = "tok-" + std::to_string(i);
    if (m_options.metadata_last)
        return reply_list(req, res,
                          R"({"kind":"PodList","apiVersion":"v1","items":[)" + items + R"(],"metadata":)" +
                              meta.dump() + "}");
    reply_list(req, res,
               R"({"kind":"PodList","apiVersion":"v1","metadata":)" + meta.dump() + R"(,"items":[)" + items + "]}");
}

void FakeKubeApi::routes() {
    auto& s = *m_server;
    const std::string ns_path = "/api/v1/namespaces/" + m_options.namespace_name;
    // Like a real API server, any namespace can be listed; unknown ones are simply empty.
    s.Get(R"(/api/v1/namespaces/([^/]+)/pods)", [this](const httplib::Request& req, httplib::Response& res) {
        std::string ns = req.matches[1];
        list_pods(req, res, &ns);
    });
    s.Get("/api/v1/pods",
          [this](const httplib::Request& req, httplib::Response& res) { list_pods(req, res, nullptr); });
    s.Get(ns_path, [this](const httplib::Request& req, httplib::Response& res) {
        if (!authorised(req, res)) return;
        res.set_content(json{{"kind", "Namespace"}, {"metadata", {{"name", m_options.namespace_name}}}}.dump(),
                        "application/json");
    });
    auto list = [this](bool present, const char* kind) {
        return [this, present, kind](const httplib::Request& req, httplib::Response& res) {
            if (!authorised(req, res)) return;
            json items = json::array();
            if (present) items.push_back({{"metadata", {{"name", "l5d"}}}});
            res.set_content(json{{"kind", kind}, {"items", items}}.dump(), "application/json");
        };
    };
    s.Get("/apis/apps/v1/namespaces/" + m_options.namespace_name + "/daemonsets",
          list(m_options.daemonset, "DaemonSetList"));
    s.Get(ns_path + "/services", list(m_options.service, "ServiceList"));
    s.Get("/api/v1/nodes", [this](const httplib::Request& req, httplib::Response& res) {
        if (!authorised(req, res)) return;
        json items = json::array();
        for (const auto& n : m_options.nodes)
            items.push_back(
                {{"metadata", {{"name", n}}}, {"status", {{"conditions", {{{"type", "Ready"}, {"status", "True"}}}}}}});
        res.set_content(json{{"kind", "NodeList"}, {"items", items}}.dump(), "application/json");
    });
    s.Get("/apis/discovery.k8s.io/v1", [this](const httplib::Request& req, httplib::Response& res) {
        if (!authorised(req, res)) return;
        if (!m_options.endpoint_slices_api)
            return reply_status(res, 404, "NotFound", "the server could not find the requested resource");
        res.set_content(R"({"kind":"APIResourceList","apiVersion":"v1","groupVersion":"discovery.k8s.io/v1",)"
                        R"("resources":[{"name":"endpointslices","namespaced":true,"kind":"EndpointSlice"}]})",
                        "application/json");
    });
    s.Get(R"(/apis/discovery.k8s.io/v1/namespaces/([^/]+)/endpointslices)",
          [this](const httplib::Request& req, httplib::Response& res) {
              if (!authorised(req, res)) return;
              if (!m_options.endpoint_slices_api) return reply_status(res, 404, "NotFound", "404 page not found");
              ++m_lists;
              std::string selector = req.get_param_value("labelSelector");
              json items = json::array();
              for (const auto& slice : m_options.endpoint_slices) {
                  const json& meta = slice.at("metadata");
                  if (meta.value("namespace", "") != req.matches[1]) continue;
                  auto match = selector_matches(selector, meta.value("labels", json::object()));
                  if (!match) return reply_status(res, 400, "BadRequest", "unable to parse requirement: " + selector);
                  if (*match) items.push_back(slice);
              }
              reply_list(req, res,
                         json{{"kind", "EndpointSliceList"},
                              {"apiVersion", "discovery.k8s.io/v1"},
                              {"metadata", {{"resourceVersion", "913"}}},
                              {"items", items}}
                             .dump());
          });
    s.Get(R"(/api/v1/namespaces/([^/]+)/endpoints/([^/]+))",
          [this](const httplib::Request& req, httplib::Response& res) {
              if (!authorised(req, res)) return;
              for (const auto& e : m_options.endpoints)
                  if (e.at("metadata").value("namespace", "") == req.matches[1] &&
                      e.at("metadata").value("name", "") == req.matches[2])
                      return res.set_content(e.dump(), "application/json");
              reply_status(res, 404, "NotFound", "endpoints \"" + std::string(req.matches[2]) + "\" not found");
          });
    s.Get(R"(/api/v1/namespaces/([^/]+)/pods/([^/]+)/proxy(/.*))", [this](const httplib::Request& req,
                                                                          httplib::Response& res) {
        if (!authorised(req, res)) return;
        {
            std::lock_guard lock(m_fault_mutex);  // a fault may wait for it
            ++m_proxied;
            m_fault_changed.notify_all();
        }
        std::string name_port = req.matches[2];
        std::string pod = name_port.substr(0, name_port.find(':'));
        const FakePod* found = nullptr;
        for (const auto& p : m_options.pods)
            if (p.name == pod) found = &p;
        if (!found) return reply_status(res, 404, "NotFound", "pods \"" + pod + "\" not found");
        std::string target = req.matches[3];
        auto q = req.target.find('?');
        if (q != std::string::npos) target += req.target.substr(q);
        if (found->backend.empty())
            return reply_status(res, 503, "ServiceUnavailable",
                                "error trying to reach service: dial tcp 10.244.1.7:9990: connect: connection refused");
        httplib::Client backend("http://" + found->backend);
        backend.set_connection_timeout(2);
        backend.set_read_timeout(3);
        auto r = backend.Get(target.c_str());
        if (!r)
            return reply_status(res, 503, "ServiceUnavailable",
                                "error trying to reach service: dial tcp " + found->backend +
                                    ": connect: connection refused");
        res.status = r->status;
        res.set_content(r->body, r->get_header_value("Content-Type").c_str());
    });
}

}  // namespace mesh::testing
