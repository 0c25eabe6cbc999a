#pragma once
// A fake Kubernetes API server over TLS on 127.0.0.1: token (or client certificate) auth,
// paginated pod lists (per namespace or across all, with equality label selectors) that return
// fewer items than asked, nodes, DaemonSets, Services, and the pod proxy path forwarding to fake
// Linkerd admin servers.

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace mesh::testing {

/// One pod the fake lists.
struct FakePod {
    std::string name;
    std::string node;
    std::string backend;  ///< "127.0.0.1:port" its pod proxy forwards to; empty: the pod refuses
    bool ready = true;
    std::string phase = "Running";
    int restarts = 0;
};

/// What the fake does to one request of the application pod listing (any pod list outside
/// FakeKubeOptions::namespace_name), in this order.
struct WorkloadListFault {
    int request = 0;           ///< which request of the listing, from 0 (each page is one)
    int wait_for_proxied = 0;  ///< hold the answer until this many pod proxy requests arrived (60 s at most)
    bool ctrl_c = false;       ///< then send this process SIGINT
    bool hold = false;         ///< then hold the answer until release() (60 s at most)
    int status = 0;            ///< then answer with this Status (and reason, message) instead of the page
    std::string reason, message;
    bool repeat_continue = false;  ///< or with the page, its continue token the request's own
};

/// What the fake serves.
struct FakeKubeOptions {
    std::string namespace_name = "linkerd";
    std::set<std::string> tokens{"good-token"};  ///< accepted bearer tokens
    bool client_cert_auth = false;               ///< require the test client certificate instead
    int max_page = 2;                            ///< items a page at most, whatever the limit asks
    std::vector<FakePod> pods;
    /// Application pods (whole Pod objects, any namespace), listed beside the l5d pods by namespace,
    /// across namespaces (/api/v1/pods) and by equality label selectors.
    std::vector<nlohmann::json> workload_pods;
    std::vector<std::string> nodes;               ///< schedulable node names
    std::vector<nlohmann::json> endpoint_slices;  ///< discovery.k8s.io/v1 EndpointSlices, any namespace
    std::vector<nlohmann::json> endpoints;        ///< v1 Endpoints objects, any namespace
    bool metadata_last = false;                   ///< write pod lists' metadata (continue token) after their items
    bool endpoint_slices_api = true;              ///< false: /apis/discovery.k8s.io/v1 answers 404 (before 1.21)
    bool daemonset = true;
    bool service = true;
    std::optional<WorkloadListFault> workload_list_fault;
};

/// A running fake API server; stops in its destructor.
class FakeKubeApi {
public:
    explicit FakeKubeApi(FakeKubeOptions options);
    ~FakeKubeApi();
    FakeKubeApi(const FakeKubeApi&) = delete;
    FakeKubeApi& operator=(const FakeKubeApi&) = delete;

    /// "https://127.0.0.1:<port>".
    std::string url() const;
    /// Pod list requests served, and how many carried a continue token.
    int list_requests() const { return m_lists.load(); }
    int continue_requests() const { return m_continues.load(); }
    /// Requests rejected with 401.
    int unauthorized() const { return m_unauthorized.load(); }
    /// Requests that reached the pod proxy path.
    int proxied() const { return m_proxied.load(); }
    /// True while the faulted request's answer is held (the fault's `hold`, not yet released).
    bool fault_holding();
    /// True when a wait of the fault ran out of its 60 s instead of seeing what it waited for.
    bool fault_waited_out();
    /// Lets a held answer go (it goes to a client that may have left).
    void release();

private:
    /// A listable pod: where it is, its labels, and its JSON text.
    struct ListedPod {
        std::string namespace_name;
        nlohmann::json labels;
        std::string text;
    };
    bool authorised(const httplib::Request& req, httplib::Response& res);
    void routes();
    void list_pods(const httplib::Request& req, httplib::Response& res, const std::string* namespace_name);
    std::vector<ListedPod> m_listed;
    FakeKubeOptions m_options;
    std::unique_ptr<httplib::SSLServer> m_server;
    std::thread m_thread;
    int m_port = 0;
    void apply_fault(int request, httplib::Response& res, bool& repeat_continue);
    std::atomic<int> m_lists{0}, m_continues{0}, m_unauthorized{0}, m_proxied{0}, m_workload_lists{0};
    std::mutex m_fault_mutex;
    std::condition_variable m_fault_changed;
    bool m_holding = false, m_released = false, m_waited_out = false;
};

/// Absolute path of a file under testdata/.
std::string testdata_path(const std::string& relative);

}  // namespace mesh::testing
