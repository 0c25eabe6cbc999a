#include "libmesh/namerd/client.hpp"

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "libmesh/core/escape.hpp"
#include "libmesh/core/redact_url.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/dtab/parser.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::namerd {

namespace {

// Whether a Content-Type is JSON (parameters such as charset ignored).
bool is_json_type(const std::string& content_type) {
    std::string type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
    std::transform(type.begin(), type.end(), type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return type == "application/json";
}

std::string trim_body(std::string body) {
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r' || body.back() == ' ')) body.pop_back();
    if (body.size() > 2000) body = body.substr(0, 2000) + "...";
    return body;
}

// A 200 answer that is not JSON: an HTML page from a proxy, a binary, another server.
core::Error not_json(const Response& r, const std::string& what) {
    auto type = r.headers.find("content-type");
    std::string shown = type == r.headers.end() ? std::string("no Content-Type") : "Content-Type " + type->second;
    return core::Error{core::ErrorCode::Network,
                       what + ": the answer is not JSON (" + shown + "); is this namerd's HTTP API?",
                       {},
                       {}};
}

}  // namespace

std::string url_encode(std::string_view s) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += k_hex[c >> 4];
            out += k_hex[c & 15];
        }
    }
    return out;
}

core::Result<std::string> normalize_base_url(const std::string& url) {
    if (url.empty()) return core::usage_error("empty base URL");
    auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos || scheme_end == 0 || scheme_end + 3 >= url.size() ||
        url[scheme_end + 3] == '/')
        return core::usage_error("invalid base URL: " + url);
    std::string scheme = url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https")
        return core::usage_error("invalid base URL: " + url + " (http or https only)");
    std::string out = url;
    while (!out.empty() && out.back() == '/') out.pop_back();
    return out;
}

Client::Client(ClientOptions options) : m_options(std::move(options)) {}

std::string Client::dtab_url(const std::string& ns) const { return "/api/1/dtabs/" + url_encode(ns); }

core::Result<Response> Client::request(const std::string& method, const std::string& path_and_query,
                                       const std::vector<std::string>& headers, const std::string& body,
                                       const std::function<bool(std::string_view)>& on_data) {
    net::Request r;
    r.method = method;
    r.url = m_options.base_url + path_and_query;
    for (const auto& h : headers) {
        auto colon = h.find(':');
        std::string value = colon == std::string::npos ? "" : h.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        r.headers.emplace_back(h.substr(0, colon), value);
    }
    r.headers.emplace_back("Expect", "");  // no 100-continue round trip
    r.body = body;
    r.connect_timeout = std::chrono::milliseconds(m_options.connect_timeout_ms);
    r.timeout = std::chrono::milliseconds(on_data ? 0 : m_options.timeout_ms);  // a watch runs until it ends
    r.max_body_bytes = m_options.max_body_bytes;
    r.user_agent = "mesh-dtab";
    r.accept_compressed = false;
    // Only a 200 JSON answer is streamed; anything else (an error page, HTML from a proxy) is kept,
    // up to 64 KiB, for the error message.
    bool stream = false;
    std::string kept;
    net::HeadSink head = [&](const net::Response& h) {
        auto type = h.headers.find("content-type");
        stream = h.status == 200 && type != h.headers.end() && is_json_type(type->second);
    };
    net::BodySink sink;
    if (on_data)
        sink = [&](std::string_view chunk) {
            if (stream) return on_data(chunk);
            constexpr std::size_t k_kept = 64u << 10;
            if (kept.size() < k_kept) kept.append(chunk.substr(0, k_kept - kept.size()));
            return true;
        };
    net::Response answer = net::perform(r, sink, head);
    if (answer.failure == net::FailureKind::TooLarge)
        return core::limit_error("namerd's answer to " + method + " " + path_and_query + " is larger than " +
                                 std::to_string(m_options.max_body_bytes >> 20) + " MiB");
    if (!answer.ok()) return core::network_error(method + " " + core::redact_url(r.url) + ": " + answer.error_summary);
    if (on_data && !stream) answer.body = std::move(kept);
    return Response{answer.status, std::move(answer.status_line), std::move(answer.headers), std::move(answer.body)};
}

core::Error Client::http_error(const Response& r, const std::string& what) const {
    std::string status = r.status_line.empty() ? std::to_string(r.status) : r.status_line;
    std::string body = trim_body(r.body);
    return core::Error{core::ErrorCode::Refused,
                       what + ": namerd answered " + core::escape_control(status) +
                           (body.empty() ? "" : ": " + core::escape_control(body)),
                       {},
                       {}};
}

core::Result<std::vector<std::string>> Client::list() {
    MESH_TRY_ASSIGN(auto r, request("GET", "/api/1/dtabs", {"Accept: application/json"}, ""));
    if (r.status != 200) return tl::unexpected(http_error(r, "list namespaces"));
    try {
        auto j = nlohmann::json::parse(r.body);
        if (!j.is_array()) throw std::runtime_error("not an array");
        std::vector<std::string> out;
        for (const auto& e : j) out.push_back(e.get<std::string>());
        return out;
    } catch (const std::exception&) {
        return core::network_error("namerd's namespace list is not a JSON array of names (is the URL "
                                   "namerd's HTTP API port, usually 4180?): " +
                                   trim_body(r.body).substr(0, 200));
    }
}

core::Result<dtab::Dtab> dtab_from_json(const std::string& json) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(json);
    } catch (const std::exception& e) {
        return core::input_error(std::string("not a JSON dtab: ") + e.what());
    }
    if (!j.is_array()) return core::input_error("not a JSON dtab: expected an array of dentries");
    dtab::Dtab out;
    for (const auto& e : j) {
        if (!e.is_object() || !e.contains("prefix") || !e.contains("dst") || !e["prefix"].is_string() ||
            !e["dst"].is_string())
            return core::input_error("not a JSON dtab: every entry needs string fields prefix and dst");
        MESH_TRY_ASSIGN(auto d,
                        dtab::parse_dentry(e["prefix"].get<std::string>() + "=>" + e["dst"].get<std::string>()));
        out.dentries.push_back(d);
    }
    return out;
}

std::string dtab_to_json(const dtab::Dtab& d) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& e : d.dentries) arr.push_back({{"prefix", dtab::show(e.prefix)}, {"dst", dtab::show(e.dst)}});
    return arr.dump();
}

core::Result<VersionedDtab> Client::get(const std::string& ns) {
    MESH_TRY_ASSIGN(auto r, request("GET", dtab_url(ns), {"Accept: application/json"}, ""));
    if (r.status == 404) return core::input_error("namespace " + ns + " not found (namerd answered 404)");
    if (r.status != 200) return tl::unexpected(http_error(r, "get " + ns));
    auto d = dtab_from_json(r.body);
    if (!d) {
        return core::network_error("namerd's dtab for " + ns + " is not valid: " + d.error().message);
    }
    VersionedDtab out;
    out.dtab = std::move(*d);
    auto etag = r.headers.find("etag");
    if (etag != r.headers.end()) out.version = etag->second;
    out.json = r.body;
    return out;
}

core::Result<void> Client::create(const std::string& ns, const dtab::Dtab& d) {
    MESH_TRY_ASSIGN(auto r, request("POST", dtab_url(ns), {"Content-Type: application/dtab"}, dtab::show(d)));
    if (r.status == 409) return core::refused_error("namespace " + ns + " already exists (409); use update");
    if (r.status != 200 && r.status != 201 && r.status != 204) return tl::unexpected(http_error(r, "create " + ns));
    return {};
}

core::Result<void> Client::update(const std::string& ns, const dtab::Dtab& d,
                                  const std::optional<std::string>& version) {
    std::vector<std::string> headers = {"Content-Type: application/dtab"};
    if (version) headers.push_back("If-Match: " + *version);
    MESH_TRY_ASSIGN(auto r, request("PUT", dtab_url(ns), headers, dtab::show(d)));
    if (r.status == 412)
        return core::refused_error("namespace " + ns + " changed since version " + version.value_or("?") +
                                   " was read (412 Precondition Failed); not overwritten. Get it again "
                                   "and reapply your change, or pass --force to overwrite");
    if (r.status == 404) return core::input_error("namespace " + ns + " not found (namerd answered 404)");
    if (r.status != 200 && r.status != 201 && r.status != 204) return tl::unexpected(http_error(r, "update " + ns));
    return {};
}

core::Result<void> Client::remove(const std::string& ns) {
    MESH_TRY_ASSIGN(auto r, request("DELETE", dtab_url(ns), {}, ""));
    if (r.status == 404) return core::input_error("namespace " + ns + " not found (namerd answered 404)");
    if (r.status != 200 && r.status != 204) return tl::unexpected(http_error(r, "delete " + ns));
    return {};
}

core::Result<void> Client::watch(const std::string& ns, const std::function<bool(const std::string&)>& on_item) {
    std::string pending;
    bool keep_going = true;
    long status = 0;
    bool overflow = false;
    auto on_data = [&](std::string_view chunk) {
        pending.append(chunk);
        if (pending.size() > m_options.max_body_bytes) {
            overflow = true;
            return false;
        }
        std::size_t nl;
        while ((nl = pending.find('\n')) != std::string::npos) {
            std::string line = pending.substr(0, nl);
            pending.erase(0, nl + 1);
            if (!on_item(line)) {
                keep_going = false;
                return false;
            }
        }
        return true;
    };
    std::string path = (ns.empty() ? std::string("/api/1/dtabs") : dtab_url(ns)) + "?watch=true";
    MESH_TRY_ASSIGN(auto r, request("GET", path, {"Accept: application/json"}, "", on_data));
    status = r.status;
    if (!keep_going) return {};
    if (status == 404) return core::input_error("namespace " + ns + " not found (namerd answered 404)");
    if (status != 200) return tl::unexpected(http_error(r, "watch " + ns));
    if (auto type = r.headers.find("content-type"); type == r.headers.end() || !is_json_type(type->second))
        return tl::unexpected(not_json(r, "watch " + ns));
    if (overflow)
        return core::limit_error("watch " + ns + ": namerd sent a line longer than " +
                                 std::to_string(m_options.max_body_bytes >> 20) + " MiB");
    if (!pending.empty()) on_item(pending);
    return {};
}

core::Result<std::string> Client::delegate(const std::string& ns, const std::string& path,
                                           const std::string& extra_dtab) {
    std::string q = "/api/1/delegate/" + url_encode(ns) + "?path=" + url_encode(path);
    if (!extra_dtab.empty()) q += "&dtab=" + url_encode(extra_dtab);
    MESH_TRY_ASSIGN(auto r, request("GET", q, {"Accept: application/json"}, ""));
    if (r.status != 200) return tl::unexpected(http_error(r, "delegate " + path + " in " + ns));
    if (auto type = r.headers.find("content-type"); type == r.headers.end() || !is_json_type(type->second))
        return tl::unexpected(not_json(r, "delegate " + path + " in " + ns));
    return r.body;
}

}  // namespace mesh::namerd
