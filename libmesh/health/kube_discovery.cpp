// Proxies through Kubernetes: list the pods, then reach each admin server through the API
// server's pod proxy (works from outside the cluster) or at the pod IP (--direct, inside it).

#include "libmesh/health/kube_discovery.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "libmesh/core/file_reader.hpp"
#include "libmesh/kube/api_client.hpp"

namespace mesh::health {

namespace {

CheckItem item(std::string description, CheckResult result = CheckResult::Success, std::string error = {},
               std::string hint = {}) {
    return CheckItem{std::move(description), result, std::move(error), std::move(hint)};
}

// Counts the items of a list at `path`; a forbidden or failed request becomes a warning.
CheckItem presence(kube::ApiClient& api, const std::string& path, const std::string& description,
                   const std::string& missing, const std::string& hint) {
    auto r = api.get(path);
    if (!r) return item(description, CheckResult::Warning, r.error().message, hint);
    if (!r->ok() || r->status != 200)
        return item(description, CheckResult::Warning, kube::api_error(*r, "GET " + path).message, hint);
    auto n = kube::count_list_items(r->body);
    if (!n) return item(description, CheckResult::Warning, n.error().message, hint);
    if (*n == 0) return item(description, CheckResult::Warning, missing, hint);
    return item(description);
}

std::vector<CheckCategory> cluster_checks(kube::ApiClient& api, const KubeDiscoveryOptions& o,
                                          const std::vector<kube::PodInfo>& pods) {
    const std::string ns = kube::url_encode(o.namespace_name);
    const std::string sel = kube::url_encode(o.selector);
    CheckCategory k8s{"kubernetes-api", {}};
    k8s.checks.push_back(item("can initialize the client"));
    k8s.checks.push_back(item("can query the Kubernetes API"));

    CheckCategory existence{"linkerd-existence", {}};
    auto nsr = api.get("/api/v1/namespaces/" + ns);
    if (nsr && nsr->ok() && nsr->status == 200) {
        existence.checks.push_back(item(fmt::format("namespace {} exists", o.namespace_name)));
    } else {
        bool missing = nsr && nsr->ok() && nsr->status == 404;
        existence.checks.push_back(item(fmt::format("namespace {} exists", o.namespace_name),
                                        missing ? CheckResult::Error : CheckResult::Warning,
                                        nsr ? kube::api_error(*nsr, "GET namespace").message : nsr.error().message,
                                        "use -n for the namespace Linkerd runs in"));
    }
    existence.checks.push_back(
        presence(api, fmt::format("/apis/apps/v1/namespaces/{}/daemonsets?labelSelector={}", ns, sel),
                 "a DaemonSet runs the proxies",
                 fmt::format("no DaemonSet labelled {} in namespace {}", o.selector, o.namespace_name),
                 "Linkerd 1 runs as a DaemonSet (one proxy a node); check -n and -l"));
    existence.checks.push_back(presence(
        api, fmt::format("/api/v1/namespaces/{}/services?labelSelector={}", ns, sel), "a Service exposes the proxies",
        fmt::format("no Service labelled {} in namespace {}", o.selector, o.namespace_name),
        "applications reach the proxies through the l5d Service"));

    std::vector<std::string> not_ready;
    std::set<std::string> nodes_with_ready_proxy;
    for (const auto& p : pods) {
        if (p.ready && p.phase == "Running" && !p.terminating) {
            nodes_with_ready_proxy.insert(p.node);
            continue;
        }
        std::string why = p.terminating ? "terminating" : p.phase.empty() ? "unknown phase" : p.phase;
        if (!p.waiting_reason.empty())
            why += ", " + p.waiting_reason;
        else if (p.phase == "Running")
            why += ", not ready";
        not_ready.push_back(fmt::format("* {} ({})", p.name, why));
    }
    existence.checks.push_back(not_ready.empty() ? item("proxy pods are ready")
                                                 : item("proxy pods are ready", CheckResult::Error,
                                                        fmt::format("{}", fmt::join(not_ready, "\n")),
                                                        "kubectl describe pod and kubectl logs --previous show why"));
    auto nodes = api.get("/api/v1/nodes");
    const char* node_check = "every schedulable node has a ready proxy";
    if (!nodes || !nodes->ok() || nodes->status != 200) {
        existence.checks.push_back(
            item(node_check, CheckResult::Warning,
                 nodes ? kube::api_error(*nodes, "listing nodes").message : nodes.error().message,
                 "listing nodes needs cluster-wide 'list nodes' permission"));
    } else if (auto list = kube::parse_node_list(nodes->body); !list) {
        existence.checks.push_back(item(node_check, CheckResult::Warning, list.error().message));
    } else {
        std::vector<std::string> uncovered;
        for (const auto& n : *list)
            if (n.schedulable && !nodes_with_ready_proxy.count(n.name)) uncovered.push_back("* " + n.name);
        existence.checks.push_back(
            uncovered.empty() ? item(node_check)
                              : item(node_check, CheckResult::Error,
                                     fmt::format("nodes without a ready proxy:\n{}", fmt::join(uncovered, "\n")),
                                     "the DaemonSet cannot schedule there (taints, resources) or its pod is failing"));
    }
    return {std::move(k8s), std::move(existence)};
}

// `mesh check` renders a Kubernetes failure as its failing check (linkerd check stops at the
// first failing category), so -o json still prints one document and the exit status is 3.
DiscoveredProxies failed_client(const std::string& error) {
    DiscoveredProxies out;
    out.kube_checks.push_back({"kubernetes-api",
                               {item("can initialize the client", CheckResult::Error, error,
                                     "set KUBECONFIG or --kubeconfig, pick a context with --context, or give "
                                     "the proxies with --proxy; in a pod, mesh uses its service account")}});
    return out;
}

DiscoveredProxies failed_query(const std::string& error, const std::string& source) {
    DiscoveredProxies out;
    out.kube_checks.push_back(
        {"kubernetes-api",
         {item("can initialize the client"),
          item("can query the Kubernetes API", CheckResult::Error, error,
               fmt::format("check the API server address and credentials in {} (kubectl get pods -n NAMESPACE "
                           "shows the same); a 401 or 403 needs other credentials or RBAC rules",
                           source))}});
    return out;
}

}  // namespace

core::Result<DiscoveredProxies> discover_kube_proxies(const KubeDiscoveryOptions& o, const kube::KubeEnvironment& env,
                                                      net::HttpClient& client, const net::Request& admin_template,
                                                      const std::function<void(const std::string&)>& log) {
    auto config = kube::load_rest_config(o.overrides, env);
    if (!config) {
        if (o.cluster_checks) return failed_client(config.error().message);
        return tl::unexpected(config.error());
    }
    auto shared_api = std::make_shared<kube::ApiClient>(*config, client, env, log, o.cancelled);
    kube::ApiClient& api = *shared_api;
    // The application pods (the longest part of --workloads) are listed meanwhile, and while the
    // caller samples the proxies; on the ways out below without them, the listing is ended.
    std::unique_ptr<WorkloadListingThread> workloads;
    if (o.workloads)
        workloads =
            std::make_unique<WorkloadListingThread>(api, *o.workloads, config->namespace_name, log, o.cancelled);
    auto pods = api.list_pods(o.namespace_name, o.selector);
    if (!pods) {
        if (o.cluster_checks) return failed_query(pods.error().message, config->source);
        return tl::unexpected(pods.error());
    }
    if (pods->empty()) {
        std::string none = fmt::format("no proxy pods with selector '{}' in namespace '{}' ({})", o.selector,
                                       o.namespace_name, config->source);
        const char* hint = "use -n NAMESPACE (the linkerd-examples DaemonSet runs in 'default') or -l SELECTOR";
        if (o.cluster_checks) {
            DiscoveredProxies out;
            out.kube_checks = cluster_checks(api, o, *pods);
            out.kube_checks.back().checks.push_back(item("proxy pods exist", CheckResult::Error, none, hint));
            return out;
        }
        return core::fail(core::ErrorCode::Input, none + "; " + hint);
    }
    DiscoveredProxies out;
    auto tmpl = api.request_template();
    if (!tmpl) return tl::unexpected(tmpl.error());
    tmpl->timeout = admin_template.timeout;
    tmpl->max_body_bytes = admin_template.max_body_bytes;
    tmpl->headers.clear();
    for (const auto& p : *pods) {
        ProxyTarget t;
        t.name = p.name;
        t.node = p.node;
        t.ip = p.pod_ip;
        t.image_version = kube::image_tag(p.image);
        t.restarts = p.restarts;
        t.last_termination_reason = p.last_termination_reason;
        t.phase = p.phase;
        t.ready = p.ready;
        t.waiting_reason = p.waiting_reason;
        t.terminating = p.terminating;
        int port = p.admin_port.value_or(o.admin_port);
        if (p.phase != "Running" || (o.direct && p.pod_ip.empty())) {
            std::string why = p.phase.empty() ? "not running" : p.phase;
            if (!p.waiting_reason.empty()) why += " (" + p.waiting_reason + ")";
            t.unreachable = ProxyFailureNote{"pod", fmt::format("pod is {}", why),
                                             "kubectl describe pod " + p.name + " -n " + o.namespace_name};
        }
        if (o.direct) {
            bool v6 = p.pod_ip.find(':') != std::string::npos;
            t.base_url = fmt::format("http://{}{}{}:{}", v6 ? "[" : "", p.pod_ip, v6 ? "]" : "", port);
            t.request_template = admin_template;
        } else {
            t.base_url = api.pod_proxy_base(o.namespace_name, p.name, port);
            t.request_template = *tmpl;
            t.via_apiserver = true;
        }
        out.targets.push_back(std::move(t));
    }
    if (o.cluster_checks) out.kube_checks = cluster_checks(api, o, *pods);
    out.workloads = std::move(workloads);
    out.api = std::move(shared_api);
    return out;
}

}  // namespace mesh::health
