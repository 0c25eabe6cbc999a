// libcurl multi implementation of HttpClient: one thread drives all transfers, so a dead or slow
// peer costs only its own timeout and never blocks the others.

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <functional>

#include "libmesh/net/curl_transfer.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::net {

namespace {

using Clock = std::chrono::steady_clock;
using detail::Transfer;

std::string log_line(const Transfer& t) {
    const Response& r = t.response;
    std::string outcome =
        r.ok() ? fmt::format("{}", r.status) : fmt::format("failed ({}: {})", failure_kind_name(r.failure), r.error);
    return fmt::format("{} {} {} in {} milliseconds", t.request->method, redact_url(t.request->url), outcome,
                       r.elapsed.count());
}

class CurlClient final : public HttpClient {
public:
    CurlClient() { detail::global_init(); }

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
            if (after && *after < i)
                followers[*after].push_back(i);
            else
                ready.push_back(i);
        }
        std::vector<bool> finished(requests.size(), false);
        std::size_t running = 0;
        bool interrupted = false;
        auto deadline =
            options.overall_timeout.count() > 0 ? Clock::now() + options.overall_timeout : Clock::time_point::max();

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
                t.started = Clock::now();
                if (!detail::configure(t)) {
                    t.response.failure = FailureKind::Other;
                    t.response.error = "cannot start libcurl";
                    complete(t);
                    continue;
                }
                curl_multi_add_handle(multi, t.easy);
                ++running;
            }
        };
        auto release = [&](Transfer& t) {
            curl_multi_remove_handle(multi, t.easy);
            t.release();
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
                detail::finish(*t, code);
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
            if (was_running)
                release(t);
            else
                t.started = Clock::now();
            t.response = Response{};
            if (interrupted) {
                t.response.failure = FailureKind::Cancelled;
                t.response.error = was_running ? "interrupted" : "interrupted before the request started";
            } else {
                t.response.failure = FailureKind::Timeout;
                t.response.error =
                    was_running ? "overall timeout reached" : "overall timeout reached before the request started";
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

const char* libcurl_version() { return LIBCURL_VERSION; }

}  // namespace mesh::net
