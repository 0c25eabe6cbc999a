#include "libmesh/net/curl_transfer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace mesh::net::detail {

namespace {

// A body announced with Content-Length is allocated once, up to the body limit, rather than grown
// by doubling: for a fleet's 128 KB metrics answers the copies and page faults of growing cost
// as much as parsing them.
void reserve_announced_length(Transfer& t) {
    auto length = t.response.headers.find("content-length");
    if (length == t.response.headers.end()) return;
    std::size_t announced = 0;
    for (char c : length->second) {
        if (c < '0' || c > '9' || announced > t.request->max_body_bytes) return;
        announced = announced * 10 + static_cast<std::size_t>(c - '0');
    }
    t.response.body.reserve(std::min(announced, t.request->max_body_bytes));
}

size_t write_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    if (!t->head_seen) {
        t->head_seen = true;
        if (t->head && *t->head) (*t->head)(t->response);
    }
    if (t->sink && *t->sink) {
        if ((*t->sink)(std::string_view(data, n))) return n;
        t->response.stopped = true;
        return 0;  // makes curl abort this transfer with CURLE_WRITE_ERROR
    }
    if (t->response.body.size() + n > t->request->max_body_bytes) {
        t->too_large = true;
        return 0;
    }
    if (t->response.body.empty()) reserve_announced_length(*t);
    t->response.body.append(data, n);
    return n;
}

size_t read_header(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::string line(data, size * count);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.rfind("HTTP/", 0) == 0) {
        t->response.status_line = line;  // the last status line wins (after 100 Continue)
        t->response.headers.clear();
        // Its code now, for a HeadSink; finish() sets it again from libcurl.
        auto space = line.find(' ');
        long code = 0;
        for (std::size_t i = space + 1; space != std::string::npos && i < line.size() && i < space + 4; ++i)
            code = std::isdigit(static_cast<unsigned char>(line[i])) ? code * 10 + (line[i] - '0') : 0;
        t->response.status = code;
        return size * count;
    }
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        t->response.headers[name] = value;
    }
    return size * count;
}

FailureKind classify(CURLcode code) {
    switch (code) {
    case CURLE_COULDNT_CONNECT: return FailureKind::Refused;
    case CURLE_OPERATION_TIMEDOUT: return FailureKind::Timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return FailureKind::Resolve;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE: return FailureKind::Tls;
    default: return FailureKind::Other;
    }
}

void set_blob(CURL* easy, CURLoption option, const std::string& data) {
    curl_blob blob{const_cast<char*>(data.data()), data.size(), CURL_BLOB_COPY};
    curl_easy_setopt(easy, option, &blob);
}

void configure_tls(CURL* e, const TlsOptions& tls) {
    if (tls.insecure) {
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (!tls.ca_data.empty())
        set_blob(e, CURLOPT_CAINFO_BLOB, tls.ca_data);
    else if (!tls.ca_file.empty())
        curl_easy_setopt(e, CURLOPT_CAINFO, tls.ca_file.c_str());
    if (!tls.cert_data.empty()) {
        set_blob(e, CURLOPT_SSLCERT_BLOB, tls.cert_data);
        curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
    } else if (!tls.cert_file.empty()) {
        curl_easy_setopt(e, CURLOPT_SSLCERT, tls.cert_file.c_str());
    }
    if (!tls.key_data.empty()) {
        set_blob(e, CURLOPT_SSLKEY_BLOB, tls.key_data);
        curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
    } else if (!tls.key_file.empty()) {
        curl_easy_setopt(e, CURLOPT_SSLKEY, tls.key_file.c_str());
    }
}

}  // namespace

void Transfer::release() {
    if (easy) curl_easy_cleanup(easy);
    easy = nullptr;
    curl_slist_free_all(headers);
    headers = nullptr;
    curl_slist_free_all(connect_to);
    connect_to = nullptr;
}

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool configure(Transfer& t) {
    global_init();
    t.easy = curl_easy_init();
    if (!t.easy) return false;
    const Request& r = *t.request;
    CURL* e = t.easy;
    auto connect_timeout = r.connect_timeout.count() > 0 ? r.connect_timeout : r.timeout;
    curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.error_buffer);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, read_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout.count()));
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, r.protocols.c_str());
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, r.protocols.c_str());
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, r.max_redirects > 0 ? 1L : 0L);
    if (r.max_redirects > 0) curl_easy_setopt(e, CURLOPT_MAXREDIRS, r.max_redirects);
    if (!r.user_agent.empty()) curl_easy_setopt(e, CURLOPT_USERAGENT, r.user_agent.c_str());
    if (r.accept_compressed) curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // gzip when the server offers it
    // curl's own size check rejects declared-too-large bodies before any byte is read.
    if (!t.sink || !*t.sink) curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(r.max_body_bytes));
    if (r.method == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (r.method != "GET") {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
    if (!r.body.empty() || r.method == "POST" || r.method == "PUT") {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.c_str());
    }
    // "Name: " with nothing after it makes libcurl drop a header it would add itself (Expect:).
    for (const auto& [name, value] : r.headers) t.headers = curl_slist_append(t.headers, (name + ": " + value).c_str());
    if (!r.auth.bearer_token.empty())
        t.headers = curl_slist_append(t.headers, ("Authorization: Bearer " + r.auth.bearer_token).c_str());
    if (t.headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);
    if (!r.auth.username.empty()) {
        curl_easy_setopt(e, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(e, CURLOPT_USERNAME, r.auth.username.c_str());
        curl_easy_setopt(e, CURLOPT_PASSWORD, r.auth.password.c_str());
    }
    if (!r.proxy.empty()) curl_easy_setopt(e, CURLOPT_PROXY, r.proxy.c_str());
    for (const auto& c : r.connect_to) t.connect_to = curl_slist_append(t.connect_to, c.c_str());
    if (t.connect_to) curl_easy_setopt(e, CURLOPT_CONNECT_TO, t.connect_to);
    configure_tls(e, r.tls);
    return true;
}

void finish(Transfer& t, CURLcode code) {
    t.response.elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t.started);
    if (code == CURLE_OK || t.response.stopped) {
        curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &t.response.status);
        char* type = nullptr;
        curl_easy_getinfo(t.easy, CURLINFO_CONTENT_TYPE, &type);
        if (type) t.response.content_type = type;
        return;
    }
    t.response.body.clear();
    t.response.status = 0;
    t.response.error_summary = curl_easy_strerror(code);
    if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        t.response.failure = FailureKind::TooLarge;
        t.response.error = fmt::format("response body larger than {} bytes", t.request->max_body_bytes);
        return;
    }
    t.response.failure = classify(code);
    t.response.error = t.error_buffer[0] ? t.error_buffer : curl_easy_strerror(code);
}

}  // namespace mesh::net::detail
