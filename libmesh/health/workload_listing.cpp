#include "libmesh/health/workload_listing.hpp"

#include <utility>

namespace mesh::health {

WorkloadListing list_workloads(kube::ApiClient& api, const WorkloadScope& scope, const std::string& context_ns) {
    WorkloadListing out;
    if (!scope.all_namespaces)
        out.namespaces = scope.namespaces.empty()
                             ? std::vector<std::string>{context_ns.empty() ? "default" : context_ns}
                             : scope.namespaces;
    auto pods = kube::list_workload_pods(api, out.namespaces, scope.selector, scope.page_size);
    if (pods)
        out.pods = std::move(*pods);
    else
        out.error = pods.error().message;
    return out;
}

WorkloadListingThread::WorkloadListingThread(const kube::ApiClient& api, WorkloadScope scope,
                                             std::string context_namespace, std::function<void(const std::string&)> log,
                                             std::function<bool()> cancelled)
    : m_cancelled(std::move(cancelled)), m_http(net::make_curl_client()), m_scope(std::move(scope)),
      m_context_namespace(std::move(context_namespace)) {
    m_api = api.sibling(*m_http, std::move(log), [this] { return m_stop.load() || (m_cancelled && m_cancelled()); });
    m_thread = std::thread([this] {
        // What escapes reaches the caller's thread from wait(), as it did before the listing had a
        // thread of its own (escaping a std::thread would end the process).
        try {
            m_listing = list_workloads(*m_api, m_scope, m_context_namespace);
        } catch (...) {
            m_error = std::current_exception();
        }
    });
}

WorkloadListingThread::~WorkloadListingThread() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
}

const WorkloadListing& WorkloadListingThread::wait() {
    if (m_thread.joinable()) m_thread.join();
    if (m_error) std::rethrow_exception(std::exchange(m_error, nullptr));
    return m_listing;
}

}  // namespace mesh::health
