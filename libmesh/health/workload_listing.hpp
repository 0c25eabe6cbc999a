#pragma once
// The application pods `mesh check --workloads` looks at, listed on a thread of their own while
// the proxies' admin rounds run on the caller's.

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "libmesh/kube/api_client.hpp"
#include "libmesh/kube/workload_pods.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::health {

/// Which application pods `mesh check --workloads` lists (its own scope: -n/-l choose the l5d pods).
struct WorkloadScope {
    std::vector<std::string> namespaces;  ///< empty: the context's namespace, else "default"
    bool all_namespaces = false;
    std::string selector;  ///< label selector; empty: every pod
    int page_size = 500;
};

/// The application pods listed, or why they could not be.
struct WorkloadListing {
    std::vector<kube::WorkloadPod> pods;
    std::vector<std::string> namespaces;  ///< as resolved; empty with all_namespaces
    std::string error;                    ///< set when listing failed
};

/// Lists the pods of `scope` through `api` on this thread (`context_namespace`: the kubeconfig
/// context's namespace, the default scope).
WorkloadListing list_workloads(kube::ApiClient& api, const WorkloadScope& scope, const std::string& context_namespace);

/// list_workloads on a thread of its own, with its own HTTP client and a sibling of the API client
/// (libcurl handles serve one thread), started at construction.
class WorkloadListingThread {
public:
    /// Starts listing; `log` (may be empty) and `cancelled` (may be empty: true ends the listing's
    /// requests at once, as Ctrl-C does) are called from the listing's threads.
    WorkloadListingThread(const kube::ApiClient& api, WorkloadScope scope, std::string context_namespace,
                          std::function<void(const std::string&)> log, std::function<bool()> cancelled);
    /// Ends a listing still running (its requests are cancelled) and waits for its thread.
    ~WorkloadListingThread();
    WorkloadListingThread(const WorkloadListingThread&) = delete;
    WorkloadListingThread& operator=(const WorkloadListingThread&) = delete;

    /// Waits for the listing and returns it; rethrows what the listing threw. Call from one thread.
    const WorkloadListing& wait();

private:
    std::atomic<bool> m_stop{false};
    std::function<bool()> m_cancelled;
    std::unique_ptr<net::HttpClient> m_http;
    std::unique_ptr<kube::ApiClient> m_api;
    WorkloadScope m_scope;
    std::string m_context_namespace;
    WorkloadListing m_listing;
    std::exception_ptr m_error;
    std::thread m_thread;
};

}  // namespace mesh::health
