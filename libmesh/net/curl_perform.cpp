// perform(): one request on the calling thread, over libcurl's easy interface.

#include "libmesh/net/curl_transfer.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::net {

Response perform(const Request& request, const BodySink& sink, const HeadSink& head) {
    detail::Transfer t;
    t.request = &request;
    t.sink = &sink;
    t.head = &head;
    t.started = std::chrono::steady_clock::now();
    if (!detail::configure(t)) {
        t.response.failure = FailureKind::Other;
        t.response.error = t.response.error_summary = "cannot start libcurl";
        return std::move(t.response);
    }
    detail::finish(t, curl_easy_perform(t.easy));
    return std::move(t.response);
}

}  // namespace mesh::net
