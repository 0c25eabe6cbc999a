// libcurl multi implementation of HttpClient: one thread drives all transfers, so a dead or slow
// peer costs only its own timeout and never blocks the others.

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>

#include "libmesh/net/http_client.hpp"

namespace mesh::net {

namespace {

using Clock = std::chrono::steady_clock;

// curl_global_init is not thread-safe; do it once for the process.
void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
    std::size_t index = 0;
    const Request* request = nullptr;
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    curl_slist* connect_to = nullptr;
    Response response;
    bool too_large = false;
    Clock::time_point started;
    char error_buffer[CURL_ERROR_SIZE] = {};
};

size_t write_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    if (t->response.body.size() + n > t->request->max_body_bytes) {
        t->too_large = true;
        return 0;  // makes curl abort this transfer with CURLE_WRITE_ERROR
    }
    t->response.body.append(data, n);
    return n;
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

void configure(Transfer& t) {
    const Request& r = *t.request;
    CURL* e = t.easy;
    curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.error_buffer);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.timeout.count()));
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // gzip when the server offers it
    // curl's own size check rejects declared-too-large bodies before any byte is read.
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(r.max_body_bytes));
    if (r.method == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (r.method != "GET") {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
    if (!r.body.empty() || r.method == "POST" || r.method == "PUT") {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.c_str());
    }
    for (const auto& [name, value] : r.headers)
        t.headers = curl_slist_append(t.headers, (name + ": " + value).c_str());
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

    const TlsOptions& tls = r.tls;
    if (tls.insecure) {
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (!tls.ca_data.empty()) set_blob(e, CURLOPT_CAINFO_BLOB, tls.ca_data);
    else if (!tls.ca_file.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, tls.ca_file.c_str());
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

void finish(Transfer& t, CURLcode code) {
    t.response.elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t.started);
    if (code == CURLE_OK) {
        curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &t.response.status);
        char* type = nullptr;
        curl_easy_getinfo(t.easy, CURLINFO_CONTENT_TYPE, &type);
        if (type) t.response.content_type = type;
        return;
    }
    t.response.body.clear();
    t.response.status = 0;
    if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        t.response.failure = FailureKind::TooLarge;
        t.response.error = fmt::format("response body larger than {} bytes", t.request->max_body_bytes);
        return;
    }
    t.response.failure = classify(code);
    t.response.error = t.error_buffer[0] ? t.error_buffer : curl_easy_strerror(code);
}

std::string log_line(const Transfer& t) {
    const Response& r = t.response;
    std::string outcome = r.ok() ? fmt::format("{}", r.status)
                                 : fmt::format("failed ({}: {})", failure_kind_name(r.failure), r.error);
    return fmt::format("{} {} {} in {} milliseconds", t.request->method, redact_url(t.request->url),
                       outcome, r.elapsed.count());
}

class CurlClient final : public HttpClient {
public:
    CurlClient() { global_init(); }

    void run(const std::vector<Request>& requests, const BatchOptions& options,
             const CompletionHandler& done) override {
        if (requests.empty()) return;
        CURLM* multi = curl_multi_init();
        std::size_t parallel = std::max<std::size_t>(1, options.parallel);
        // Keep connections to as many hosts as run at once; the default cache is smaller.
        curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(parallel));
        std::deque<Transfer> transfers(requests.size());  // stable addresses for CURLOPT_PRIVATE
        // Requests run in order, except that a request's followers jump the queue when it
        // finishes, so they find its connection still in the cache.
        std::vector<std::vector<std::size_t>> followers(requests.size());
        std::deque<std::size_t> ready;
        for (std::size_t i = 0; i < requests.size(); ++i) {
            transfers[i].index = i;
            transfers[i].request = &requests[i];
            const auto& after = requests[i].after;
            if (after && *after < i) followers[*after].push_back(i);
            else ready.push_back(i);
        }
        std::vector<bool> finished(requests.size(), false);
        std::size_t running = 0;
        bool interrupted = false;
        auto deadline = options.overall_timeout.count() > 0 ? Clock::now() + options.overall_timeout
                                                             : Clock::time_point::max();

        std::function<void(Transfer&)> complete = [&](Transfer& t) {
            finished[t.index] = true;
            bool answered = t.response.ok();
            std::string why = t.response.error;
            if (options.log && t.response.failure != FailureKind::Cancelled) options.log(log_line(t));
            done(t.index, std::move(t.response));
            // Move-assigning an empty string keeps libstdc++'s heap buffer; swap really frees it,
            // or every finished transfer would keep its body's capacity until the batch ends.
            std::string().swap(t.response.body);
            t.response = Response{};
            auto& next = followers[t.index];
            if (answered) {
                ready.insert(ready.begin(), next.begin(), next.end());
                return;
            }
            for (std::size_t f : next) {
                Transfer& skipped = transfers[f];
                skipped.started = Clock::now();
                skipped.response.failure = FailureKind::Cancelled;
                skipped.response.error = "not sent: an earlier request to the same server failed (" + why + ")";
                complete(skipped);
            }
        };
        auto start_more = [&] {
            while (running < parallel && !ready.empty()) {
                Transfer& t = transfers[ready.front()];
                ready.pop_front();
                t.easy = curl_easy_init();
                t.started = Clock::now();
                configure(t);
                curl_multi_add_handle(multi, t.easy);
                ++running;
            }
        };
        auto release = [&](Transfer& t) {
            curl_multi_remove_handle(multi, t.easy);
            curl_easy_cleanup(t.easy);
            t.easy = nullptr;
            curl_slist_free_all(t.headers);
            t.headers = nullptr;
            curl_slist_free_all(t.connect_to);
            t.connect_to = nullptr;
            --running;
        };

        start_more();
        while (running > 0) {
            int still = 0;
            curl_multi_perform(multi, &still);
            int queued = 0;
            while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
                if (msg->msg != CURLMSG_DONE) continue;
                Transfer* t = nullptr;
                curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
                CURLcode code = msg->data.result;
                finish(*t, code);
                release(*t);
                complete(*t);
            }
            if (Clock::now() >= deadline) break;
            if (options.cancelled && options.cancelled()) {
                interrupted = true;
                break;
            }
            start_more();
            if (running == 0) break;
            auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            // Short polls while a cancellation can come, so it is seen within 50 ms.
            int wait_ms = static_cast<int>(std::clamp<long long>(wait.count(), 0, options.cancelled ? 50 : 200));
            curl_multi_poll(multi, nullptr, 0, wait_ms, nullptr);
        }
        // The overall deadline passed or the batch was cancelled: whatever is still running or
        // queued ends now.
        for (std::size_t i = 0; i < requests.size(); ++i) {
            Transfer& t = transfers[i];
            if (finished[i]) continue;
            bool was_running = t.easy != nullptr;
            if (was_running) release(t);
            else t.started = Clock::now();
            t.response = Response{};
            if (interrupted) {
                t.response.failure = FailureKind::Cancelled;
                t.response.error = was_running ? "interrupted" : "interrupted before the request started";
            } else {
                t.response.failure = FailureKind::Timeout;
                t.response.error = was_running ? "overall timeout reached" : "overall timeout reached before the request started";
            }
            t.response.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t.started);
            followers[i].clear();  // each follower gets its own timeout below
            complete(t);
        }
        curl_multi_cleanup(multi);
    }
};

}  // namespace

std::unique_ptr<HttpClient> make_curl_client() { return std::make_unique<CurlClient>(); }

}  // namespace mesh::net
