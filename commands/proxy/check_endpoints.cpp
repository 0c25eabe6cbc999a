#include "commands/proxy/check_endpoints.hpp"

#include "libmesh/kube/endpoints.hpp"

namespace mesh::commands {

void add_endpoints_option(CLI::App* cmd, bool& enabled) {
    cmd->add_flag("--endpoints", enabled,
                  "Also compare each proxy's io.l5d.k8s clients (/client_state.json) with the services' "
                  "EndpointSlices (else Endpoints): stale and missing addresses")
        ->group("Data plane");
}

core::Result<void> validate_endpoints_option(bool enabled, bool proxies_given) {
    if (enabled && proxies_given)
        return core::fail(core::ErrorCode::Usage,
                          "--endpoints compares with Kubernetes' endpoints; drop --proxy and --proxies-file");
    return {};
}

health::EndpointReport compare_with_kubernetes(kube::ApiClient& api, const std::vector<health::ProxyTarget>& targets,
                                               const std::vector<health::ProxySample>& samples) {
    // Asked once, and only when some client needs it.
    std::optional<core::Result<bool>> slices;
    auto lookup = [&](const std::string& ns, const std::string& service,
                      const std::string& port) -> core::Result<kube::ServiceEndpoints> {
        if (!slices) slices = kube::has_endpoint_slices(api);
        if (!*slices) return tl::unexpected(slices->error());
        return kube::fetch_service_endpoints(api, ns, service, port, **slices);
    };
    return health::compare_endpoints(targets, samples, lookup);
}

nlohmann::ordered_json endpoints_json(const health::EndpointReport& report) {
    using nlohmann::ordered_json;
    auto or_null = [](const std::string& s) { return s.empty() ? ordered_json(nullptr) : ordered_json(s); };
    ordered_json proxies = ordered_json::array();
    for (const auto& p : report.proxies) {
        ordered_json proxy;
        proxy["name"] = p.proxy;
        proxy["uptime_s"] = p.uptime_s ? ordered_json(*p.uptime_s) : ordered_json(nullptr);
        proxy["error"] = p.unreadable ? ordered_json(*p.unreadable) : ordered_json(nullptr);
        ordered_json clients = ordered_json::array();
        for (const auto& c : p.clients) {
            ordered_json client;
            client["client"] = c.client;
            client["state"] = c.state;
            client["source"] = or_null(c.source);
            client["linkerd"] = c.error.empty() ? ordered_json(c.linkerd) : ordered_json(nullptr);
            client["kubernetes"] = c.error.empty() ? ordered_json(c.kubernetes) : ordered_json(nullptr);
            client["stale"] = c.stale;
            client["missing"] = c.missing;
            client["error"] = or_null(c.error);
            clients.push_back(std::move(client));
        }
        proxy["clients"] = std::move(clients);
        proxies.push_back(std::move(proxy));
    }
    return {{"proxies", std::move(proxies)}};
}

}  // namespace mesh::commands
