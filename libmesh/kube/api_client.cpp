#include "libmesh/kube/api_client.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <cctype>
#include <future>
#include <mutex>
#include <optional>

#include "libmesh/core/result.hpp"

namespace mesh::kube {

std::string url_encode(const std::string& value) {
    std::string out;
    for (unsigned char c : value) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            out.push_back(static_cast<char>(c));
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

core::Error api_error(const net::Response& r, const std::string& what) {
    core::Error e;
    e.code = core::ErrorCode::Network;
    if (!r.ok()) {
        e.message = fmt::format("{}: {} ({})", what, r.error, net::failure_kind_name(r.failure));
        return e;
    }
    std::string detail = status_message(r.body).value_or(fmt::format("HTTP {}", r.status));
    std::string hint;
    if (r.status == 401)
        hint = "; the API server rejected the credentials (expired token or certificate?)";
    else if (r.status == 403)
        hint = "; RBAC forbids it (kubectl auth can-i)";
    e.message = fmt::format("{}: API server answered {}: {}{}", what, r.status, detail, hint);
    return e;
}

struct ApiClient::SharedExec {
    SharedExec(ExecConfig config, ExecClusterInfo cluster,
               std::function<std::optional<std::string>(const std::string&)> getenv)
        : provider(std::move(config), std::move(cluster), std::move(getenv)) {}
    std::mutex mutex;
    ExecCredentialProvider provider;
};

ApiClient::ApiClient(RestConfig config, net::HttpClient& http, const KubeEnvironment& env,
                     std::function<void(const std::string&)> log, std::function<bool()> cancelled)
    : m_config(std::move(config)), m_http(http), m_env(env), m_log(std::move(log)), m_cancelled(std::move(cancelled)) {
    if (m_config.exec) {
        ExecClusterInfo info{m_config.server, m_config.cluster_ca_data_b64, m_config.tls_server_name,
                             m_config.proxy_url, m_config.tls.insecure};
        m_exec = std::make_shared<SharedExec>(*m_config.exec, info, env.getenv);
    }
}

std::unique_ptr<ApiClient> ApiClient::sibling(net::HttpClient& http, std::function<void(const std::string&)> log,
                                              std::function<bool()> cancelled) const {
    RestConfig config = m_config;
    config.exec.reset();  // the plugin's provider is shared below instead of made again
    auto out = std::make_unique<ApiClient>(std::move(config), http, m_env, std::move(log), std::move(cancelled));
    out->m_config.exec = m_config.exec;
    out->m_exec = m_exec;
    return out;
}

core::Result<net::Request> ApiClient::request_template() {
    net::Request r;
    r.tls = m_config.tls;
    r.auth = m_config.auth;
    r.proxy = m_config.proxy_url;
    r.connect_to = m_config.connect_to;
    r.timeout = m_config.timeout.count() > 0 ? m_config.timeout : std::chrono::milliseconds(30000);
    r.max_body_bytes = 64u << 20;
    r.headers.emplace_back("Accept", "application/json");
    if (!m_config.token_file.empty() && m_config.auth.bearer_token.empty()) {
        // Re-read every time: projected service account tokens rotate.
        MESH_TRY_ASSIGN(auto token, m_env.read_file(m_config.token_file));
        std::string t = token;
        while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
        r.auth.bearer_token = t;
    }
    if (m_exec) {
        std::lock_guard lock(m_exec->mutex);  // one plugin run at a time, its credential then shared
        // After a 401, run the plugin again only if no other client has since: its credential is
        // newer than the refused one (client-go's exec authenticator compares the same way).
        bool refresh = m_refresh && m_exec->provider.runs() == m_plugin_runs_sent;
        auto cred = m_exec->provider.get(refresh, m_cancelled);
        m_refresh = false;
        m_plugin_runs_sent = m_exec->provider.runs();
        if (!cred) return tl::unexpected(cred.error());
        if (!cred->token.empty()) r.auth.bearer_token = cred->token;
        if (!cred->client_certificate_data.empty()) {
            r.tls.cert_data = cred->client_certificate_data;
            r.tls.key_data = cred->client_key_data;
            r.tls.cert_file.clear();
            r.tls.key_file.clear();
        }
    }
    return r;
}

core::Result<net::Response> ApiClient::get_once(const std::string& path, bool refresh) {
    if (refresh) m_refresh = true;
    MESH_TRY_ASSIGN(auto tmpl, request_template());
    tmpl.url = m_config.server + path;
    net::Response got;
    m_http.run({tmpl}, {1, {}, m_log, m_cancelled}, [&](std::size_t, net::Response&& r) { got = std::move(r); });
    return got;
}

core::Result<net::Response> ApiClient::get(const std::string& path) {
    auto r = get_once(path, false);
    if (r && r->ok() && r->status == 401 && m_exec) r = get_once(path, true);
    return r;
}

namespace {

// Reads a list's top-level `metadata.continue` and stops there, before the items: kube-apiserver
// writes `metadata` first. nullopt when the items come first (or the body is not a list).
class ContinuePeek : public nlohmann::json_sax<nlohmann::json> {
public:
    std::optional<std::string> token;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool string(string_t& value) override {
        if (m_in_metadata && m_depth == 2 && m_key == "continue") m_found = value;
        return true;
    }
    bool key(string_t& key) override {
        m_key = key;
        return !(m_depth == 1 && key == "items");
    }
    bool start_object(std::size_t) override {
        ++m_depth;
        if (m_depth == 2 && m_key == "metadata") m_in_metadata = true;
        return true;
    }
    bool end_object() override {
        if (m_depth == 2 && m_in_metadata) {
            token = m_found;
            return false;  // everything needed is read
        }
        --m_depth;
        return true;
    }
    bool start_array(std::size_t) override {
        ++m_depth;
        return true;
    }
    bool end_array() override {
        --m_depth;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

private:
    int m_depth = 0;
    bool m_in_metadata = false;
    std::string m_key, m_found;
};

std::optional<std::string> peek_continue(std::string_view body) {
    ContinuePeek peek;
    nlohmann::json::sax_parse(body.begin(), body.end(), &peek, nlohmann::json::input_format_t::json, false);
    return peek.token;
}

}  // namespace

core::Result<void> ApiClient::list_pages(const std::string& collection_path, const std::string& selector, int page_size,
                                         const std::string& what, const PageReader& read_page) {
    auto page_path = [&](const std::string& token) {
        std::string path = fmt::format("{}?limit={}", collection_path, page_size);
        if (!selector.empty()) path += "&labelSelector=" + url_encode(selector);
        if (!token.empty()) path += "&continue=" + url_encode(token);
        return path;
    };
    // The next page is asked for while this one is read: only this client's worker thread talks to
    // the server meanwhile (the future's destructor waits for it on every way out).
    std::future<core::Result<net::Response>> next_page;
    std::string next_page_token;
    std::string token;
    for (int page = 0; page < 10000; ++page) {
        // A prefetch is waited for in every case, also one for a token the reader did not confirm,
        // before this thread makes a request: the client (its connections, its credential) serves
        // one request at a time.
        std::optional<core::Result<net::Response>> prefetched;
        if (next_page.valid()) {
            auto got = next_page.get();
            if (next_page_token == token) prefetched = std::move(got);
        }
        core::Result<net::Response> r = prefetched ? std::move(*prefetched) : get(page_path(token));
        if (!r) return tl::unexpected(r.error());
        if (!r->ok() || r->status != 200) return tl::unexpected(api_error(*r, what));
        if (auto peeked = peek_continue(r->body); peeked && !peeked->empty() && *peeked != token) {
            next_page_token = *peeked;
            next_page = std::async(std::launch::async, [this, path = page_path(*peeked)] { return get(path); });
        }
        MESH_TRY_ASSIGN(auto next, read_page(r->body));
        if (next.empty()) return {};
        if (next == token) return core::network_error("the API server returned the same continue token twice");
        token = std::move(next);
    }
    return core::limit_error(fmt::format("{}: more than 10000 pages", what));
}

core::Result<std::vector<PodInfo>> ApiClient::list_pods(const std::string& ns, const std::string& selector,
                                                        int page_size) {
    std::vector<PodInfo> pods;
    auto read = [&pods](std::string_view body) -> core::Result<std::string> {
        MESH_TRY_ASSIGN(auto parsed, parse_pod_list(body));
        for (auto& p : parsed.pods) pods.push_back(std::move(p));
        return parsed.continue_token;
    };
    MESH_TRY(list_pages("/api/v1/namespaces/" + url_encode(ns) + "/pods", selector, page_size,
                        fmt::format("listing pods in namespace {}", ns), read));
    return pods;
}

std::string ApiClient::pod_proxy_base(const std::string& ns, const std::string& pod, int port,
                                      const std::string& scheme) const {
    std::string name = fmt::format("{}:{}", url_encode(pod), port);
    if (scheme == "https") name = "https:" + name;
    return fmt::format("{}/api/v1/namespaces/{}/pods/{}/proxy", m_config.server, url_encode(ns), name);
}

}  // namespace mesh::kube
