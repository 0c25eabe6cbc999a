#include "libmesh/namerd/client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include <nlohmann/json.hpp>

#include "libmesh/core/escape.hpp"
#include "libmesh/core/redact_url.hpp"
#include "libmesh/dtab/parser.hpp"

namespace mesh::namerd {

namespace {

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Whether a Content-Type is JSON (parameters such as charset ignored).
bool is_json_type(const std::string& content_type) {
    std::string type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
    return type == "application/json";
}

struct Transfer {
    Response* response;
    const std::function<bool(std::string_view)>* on_data;
    std::size_t max_body;
    bool too_large = false;
    bool stopped = false;
};

// The status code of a status line ("HTTP/1.1 200 OK"), or 0.
long status_of(const std::string& status_line) {
    auto space = status_line.find(' ');
    if (space == std::string::npos || space + 4 > status_line.size()) return 0;
    long code = 0;
    for (std::size_t i = space + 1; i < space + 4; ++i) {
        if (status_line[i] < '0' || status_line[i] > '9') return 0;
        code = code * 10 + (status_line[i] - '0');
    }
    return code;
}

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t len = size * n;
    // Only a 200 JSON answer is streamed; anything else (an error page, HTML from a proxy) is
    // kept, up to 64 KiB, for the error message.
    bool stream = t->on_data && *t->on_data && status_of(t->response->status_line) == 200 &&
                  is_json_type(t->response->headers["content-type"]);
    if (!stream && t->on_data && *t->on_data) {
        constexpr std::size_t k_kept = 64u << 10;
        if (t->response->body.size() < k_kept) t->response->body.append(data, std::min(len, k_kept - t->response->body.size()));
        return len;
    }
    if (stream) {
        if (!(*t->on_data)(std::string_view(data, len))) {
            t->stopped = true;
            return 0;  // aborts the transfer
        }
        return len;
    }
    if (t->response->body.size() + len > t->max_body) {
        t->too_large = true;
        return 0;
    }
    t->response->body.append(data, len);
    return len;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::string line(data, size * n);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.rfind("HTTP/", 0) == 0) {
        t->response->status_line = line;  // the last status line wins (after 100 Continue)
        t->response->headers.clear();
        return size * n;
    }
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        t->response->headers[name] = value;
    }
    return size * n;
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
    return core::Error{core::ErrorCode::Network, what + ": the answer is not JSON (" + shown + "); is this namerd's HTTP API?",
                       {}, {}};
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
    if (url.empty()) return core::fail(core::ErrorCode::Usage, "empty base URL");
    auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos || scheme_end == 0 || scheme_end + 3 >= url.size() ||
        url[scheme_end + 3] == '/')
        return core::fail(core::ErrorCode::Usage, "invalid base URL: " + url);
    std::string scheme = url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https")
        return core::fail(core::ErrorCode::Usage, "invalid base URL: " + url + " (http or https only)");
    std::string out = url;
    while (!out.empty() && out.back() == '/') out.pop_back();
    return out;
}

Client::Client(ClientOptions options) : m_options(std::move(options)) { global_init(); }

std::string Client::dtab_url(const std::string& ns) const { return "/api/1/dtabs/" + url_encode(ns); }

core::Result<Response> Client::request(const std::string& method, const std::string& path_and_query,
                                       const std::vector<std::string>& headers, const std::string& body,
                                       const std::function<bool(std::string_view)>& on_data) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return core::fail(core::ErrorCode::Internal, "cannot initialise libcurl");
    Response response;
    Transfer transfer{&response, &on_data, m_options.max_body_bytes};
    std::string url = m_options.base_url + path_and_query;
    curl_slist* list = nullptr;
    for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
    list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(list, curl_slist_free_all);
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, m_options.connect_timeout_ms);
    if (!on_data) curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, m_options.timeout_ms);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "mesh-dtab");
    if (method == "HEAD") {
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    } else if (method != "GET") {
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
        if (method == "POST" || method == "PUT") {
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        }
    }
    CURLcode rc = curl_easy_perform(c);
    if (transfer.stopped) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
        return response;
    }
    if (transfer.too_large)
        return core::fail(core::ErrorCode::Limit, "namerd's answer to " + method + " " + path_and_query +
                                                      " is larger than " +
                                                      std::to_string(m_options.max_body_bytes >> 20) + " MiB");
    if (rc != CURLE_OK)
        return core::fail(core::ErrorCode::Network,
                          method + " " + core::redact_url(url) + ": " + curl_easy_strerror(rc));
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

core::Error Client::http_error(const Response& r, const std::string& what) const {
    std::string status = r.status_line.empty() ? std::to_string(r.status) : r.status_line;
    std::string body = trim_body(r.body);
    return core::Error{core::ErrorCode::Refused,
                       what + ": namerd answered " + core::escape_control(status) + (body.empty() ? "" : ": " + core::escape_control(body)), {}, {}};
}

core::Result<std::vector<std::string>> Client::list() {
    auto r = request("GET", "/api/1/dtabs", {"Accept: application/json"}, "");
    if (!r) return tl::unexpected(r.error());
    if (r->status != 200) return tl::unexpected(http_error(*r, "list namespaces"));
    try {
        auto j = nlohmann::json::parse(r->body);
        if (!j.is_array()) throw std::runtime_error("not an array");
        std::vector<std::string> out;
        for (const auto& e : j) out.push_back(e.get<std::string>());
        return out;
    } catch (const std::exception&) {
        return core::fail(core::ErrorCode::Network,
                          "namerd's namespace list is not a JSON array of names (is the URL "
                          "namerd's HTTP API port, usually 4180?): " + trim_body(r->body).substr(0, 200));
    }
}

core::Result<dtab::Dtab> dtab_from_json(const std::string& json) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(json);
    } catch (const std::exception& e) {
        return core::fail(core::ErrorCode::Input, std::string("not a JSON dtab: ") + e.what());
    }
    if (!j.is_array()) return core::fail(core::ErrorCode::Input, "not a JSON dtab: expected an array of dentries");
    dtab::Dtab out;
    for (const auto& e : j) {
        if (!e.is_object() || !e.contains("prefix") || !e.contains("dst") || !e["prefix"].is_string() ||
            !e["dst"].is_string())
            return core::fail(core::ErrorCode::Input,
                              "not a JSON dtab: every entry needs string fields prefix and dst");
        auto d = dtab::parse_dentry(e["prefix"].get<std::string>() + "=>" + e["dst"].get<std::string>());
        if (!d) return tl::unexpected(d.error());
        out.dentries.push_back(*d);
    }
    return out;
}

std::string dtab_to_json(const dtab::Dtab& d) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& e : d.dentries) arr.push_back({{"prefix", dtab::show(e.prefix)}, {"dst", dtab::show(e.dst)}});
    return arr.dump();
}

core::Result<VersionedDtab> Client::get(const std::string& ns) {
    auto r = request("GET", dtab_url(ns), {"Accept: application/json"}, "");
    if (!r) return tl::unexpected(r.error());
    if (r->status == 404)
        return core::fail(core::ErrorCode::Input, "namespace " + ns + " not found (namerd answered 404)");
    if (r->status != 200) return tl::unexpected(http_error(*r, "get " + ns));
    auto d = dtab_from_json(r->body);
    if (!d) {
        return core::fail(core::ErrorCode::Network, "namerd's dtab for " + ns + " is not valid: " + d.error().message);
    }
    VersionedDtab out;
    out.dtab = std::move(*d);
    auto etag = r->headers.find("etag");
    if (etag != r->headers.end()) out.version = etag->second;
    out.json = r->body;
    return out;
}

core::Result<void> Client::create(const std::string& ns, const dtab::Dtab& d) {
    auto r = request("POST", dtab_url(ns), {"Content-Type: application/dtab"}, dtab::show(d));
    if (!r) return tl::unexpected(r.error());
    if (r->status == 409)
        return core::fail(core::ErrorCode::Refused, "namespace " + ns + " already exists (409); use update");
    if (r->status != 200 && r->status != 201 && r->status != 204)
        return tl::unexpected(http_error(*r, "create " + ns));
    return {};
}

core::Result<void> Client::update(const std::string& ns, const dtab::Dtab& d,
                                  const std::optional<std::string>& version) {
    std::vector<std::string> headers = {"Content-Type: application/dtab"};
    if (version) headers.push_back("If-Match: " + *version);
    auto r = request("PUT", dtab_url(ns), headers, dtab::show(d));
    if (!r) return tl::unexpected(r.error());
    if (r->status == 412)
        return core::fail(core::ErrorCode::Refused,
                          "namespace " + ns + " changed since version " + version.value_or("?") +
                              " was read (412 Precondition Failed); not overwritten. Get it again "
                              "and reapply your change, or pass --force to overwrite");
    if (r->status == 404)
        return core::fail(core::ErrorCode::Input, "namespace " + ns + " not found (namerd answered 404)");
    if (r->status != 200 && r->status != 201 && r->status != 204)
        return tl::unexpected(http_error(*r, "update " + ns));
    return {};
}

core::Result<void> Client::remove(const std::string& ns) {
    auto r = request("DELETE", dtab_url(ns), {}, "");
    if (!r) return tl::unexpected(r.error());
    if (r->status == 404)
        return core::fail(core::ErrorCode::Input, "namespace " + ns + " not found (namerd answered 404)");
    if (r->status != 200 && r->status != 204) return tl::unexpected(http_error(*r, "delete " + ns));
    return {};
}

core::Result<void> Client::watch(const std::string& ns, const std::function<bool(const std::string&)>& on_item) {
    std::string pending;
    bool keep_going = true;
    long status = 0;
    std::string error_body;
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
    auto r = request("GET", path, {"Accept: application/json"}, "", on_data);
    if (!r) return tl::unexpected(r.error());
    status = r->status;
    if (!keep_going) return {};
    if (status == 404)
        return core::fail(core::ErrorCode::Input, "namespace " + ns + " not found (namerd answered 404)");
    if (status != 200) return tl::unexpected(http_error(*r, "watch " + ns));
    if (auto type = r->headers.find("content-type"); type == r->headers.end() || !is_json_type(type->second))
        return tl::unexpected(not_json(*r, "watch " + ns));
    if (overflow)
        return core::fail(core::ErrorCode::Limit, "watch " + ns + ": namerd sent a line longer than " +
                                                      std::to_string(m_options.max_body_bytes >> 20) + " MiB");
    if (!pending.empty()) on_item(pending);
    (void)error_body;
    return {};
}

core::Result<std::string> Client::delegate(const std::string& ns, const std::string& path,
                                           const std::string& extra_dtab) {
    std::string q = "/api/1/delegate/" + url_encode(ns) + "?path=" + url_encode(path);
    if (!extra_dtab.empty()) q += "&dtab=" + url_encode(extra_dtab);
    auto r = request("GET", q, {"Accept: application/json"}, "");
    if (!r) return tl::unexpected(r.error());
    if (r->status != 200) return tl::unexpected(http_error(*r, "delegate " + path + " in " + ns));
    if (auto type = r->headers.find("content-type"); type == r->headers.end() || !is_json_type(type->second))
        return tl::unexpected(not_json(*r, "delegate " + path + " in " + ns));
    return r->body;
}

}  // namespace mesh::namerd
