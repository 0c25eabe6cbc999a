#include "libmesh/health/endpoint_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "libmesh/core/split.hpp"

namespace mesh::health {

namespace {

constexpr const char* k_default_namer_path = "/#/io.l5d.k8s/";

// Linkerd writes "host:port"; Kubernetes' side is written "[v6]:port". Compare without brackets.
std::string normalised(std::string address) {
    if (!address.empty() && address.front() == '[') {
        auto close = address.find(']');
        if (close != std::string::npos) address = address.substr(1, close - 1) + address.substr(close + 1);
    }
    return address;
}

std::string listed(const std::vector<std::string>& addresses) {
    std::size_t shown = std::min<std::size_t>(3, addresses.size());
    std::string text =
        fmt::format("{}", fmt::join(addresses.begin(), addresses.begin() + static_cast<long>(shown), ", "));
    if (addresses.size() > shown) text += fmt::format(" and {} more", addresses.size() - shown);
    return text;
}

}  // namespace

std::vector<std::string> k8s_namer_paths(const admin::LinkerConfig* config) {
    std::vector<std::string> paths{k_default_namer_path};
    if (!config) return paths;
    for (const auto& namer : config->namers) {
        if (namer.kind != "io.l5d.k8s" || namer.transformed || namer.prefix.empty() || namer.prefix.front() != '/')
            continue;
        std::string path = "/#" + namer.prefix;
        if (path.back() != '/') path += '/';
        if (std::find(paths.begin(), paths.end(), path) == paths.end()) paths.push_back(std::move(path));
    }
    return paths;
}

std::optional<K8sClientName> k8s_client_name(const std::string& client, const std::vector<std::string>& namer_paths) {
    for (const auto& path : namer_paths) {
        if (client.rfind(path, 0) != 0) continue;
        auto parts = core::split(client.substr(path.size()), '/');
        if (parts.size() != 3) continue;  // e.g. a labelSelector's fourth segment
        if (std::any_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); })) continue;
        return K8sClientName{parts[0], parts[1], parts[2]};
    }
    return std::nullopt;
}

std::string uptime_text(double seconds) {
    auto s = static_cast<long long>(seconds);
    if (s >= 86400) return fmt::format("{}d{}h", s / 86400, s % 86400 / 3600);
    if (s >= 3600) return fmt::format("{}h{}m", s / 3600, s % 3600 / 60);
    if (s >= 60) return fmt::format("{}m{}s", s / 60, s % 60);
    return fmt::format("{}s", s);
}

EndpointReport compare_endpoints(const std::vector<ProxyTarget>& targets, const std::vector<ProxySample>& samples,
                                 const EndpointLookup& lookup) {
    EndpointReport report;
    // One lookup per service port, whatever the number of proxies that know it.
    std::map<std::tuple<std::string, std::string, std::string>, core::Result<kube::ServiceEndpoints>> known;
    for (std::size_t i = 0; i < targets.size() && i < samples.size(); ++i) {
        const ProxySample& sample = samples[i];
        ProxyEndpoints proxy;
        proxy.proxy = targets[i].name;
        if (sample.metrics && sample.metrics->uptime_ms) proxy.uptime_s = *sample.metrics->uptime_ms / 1000;
        if (!sample.client_state) {
            proxy.unreadable =
                sample.failure ? sample.failure->reason : "no /client_state.json (Linkerd before 1.3.5?)";
            report.proxies.push_back(std::move(proxy));
            continue;
        }
        auto namer_paths = k8s_namer_paths(sample.config ? &*sample.config : nullptr);
        for (const auto& state : *sample.client_state) {
            auto name = k8s_client_name(state.client, namer_paths);
            if (!name) continue;
            ClientComparison c;
            c.client = state.client;
            c.state = state.state;
            auto key = std::make_tuple(name->namespace_name, name->service, name->port);
            auto it = known.find(key);
            if (it == known.end())
                it = known.emplace(key, lookup(name->namespace_name, name->service, name->port)).first;
            if (!it->second) {
                c.error = it->second.error().message;
                proxy.clients.push_back(std::move(c));
                continue;
            }
            const kube::ServiceEndpoints& k8s = *it->second;
            c.source = k8s.source;
            std::set<std::string> in_kubernetes;
            for (const auto& a : k8s.addresses) in_kubernetes.insert(normalised(a));
            std::set<std::string> in_linkerd;
            for (const auto& a : state.addresses) in_linkerd.insert(normalised(a));
            c.linkerd = in_linkerd.size();
            c.kubernetes = in_kubernetes.size();
            std::set_difference(in_linkerd.begin(), in_linkerd.end(), in_kubernetes.begin(), in_kubernetes.end(),
                                std::back_inserter(c.stale));
            std::set_difference(in_kubernetes.begin(), in_kubernetes.end(), in_linkerd.begin(), in_linkerd.end(),
                                std::back_inserter(c.missing));
            proxy.clients.push_back(std::move(c));
        }
        report.proxies.push_back(std::move(proxy));
    }
    return report;
}

CheckCategory endpoint_category(const EndpointReport& report) {
    CheckItem stale{"no stale endpoints (in Linkerd, gone from Kubernetes)", CheckResult::Success, "", ""};
    CheckItem missing{"no missing endpoints (in Kubernetes, unknown to Linkerd)", CheckResult::Success, "", ""};
    std::size_t compared = 0, proxies_compared = 0;
    std::vector<std::string> stale_lines, missing_lines, unchecked_lines;
    for (const auto& p : report.proxies) {
        std::string who = p.uptime_s ? fmt::format("{} (up {})", p.proxy, uptime_text(*p.uptime_s)) : p.proxy;
        if (p.unreadable) {
            unchecked_lines.push_back(fmt::format("* {}: {}", p.proxy, *p.unreadable));
            continue;
        }
        ++proxies_compared;
        for (const auto& c : p.clients) {
            if (!c.error.empty()) {
                unchecked_lines.push_back(fmt::format("* {}: {}", c.client, c.error));
                continue;
            }
            ++compared;
            if (!c.stale.empty())
                stale_lines.push_back(fmt::format("* {}: {}: {} of {} stale ({})", who, c.client, c.stale.size(),
                                                  c.linkerd, listed(c.stale)));
            if (!c.missing.empty()) {
                missing_lines.push_back(
                    fmt::format("* {}: {}: {} of {} missing ({}){}", who, c.client, c.missing.size(), c.kubernetes,
                                listed(c.missing),
                                c.linkerd == 0 ? fmt::format(", Linkerd has none ({})", c.state) : std::string()));
                if (c.linkerd == 0) missing.result = CheckResult::Error;
            }
        }
    }
    if (!stale_lines.empty()) {
        stale.result = CheckResult::Error;
        stale.error = fmt::format("{}", fmt::join(stale_lines, "\n"));
        stale.hint = "the proxy's io.l5d.k8s namer missed Kubernetes' updates and sends to pods that are gone "
                     "(linkerd/linkerd#1626, #1730, #2079: 'No hosts are available'); deleting the l5d pod makes "
                     "the DaemonSet start one with fresh watches";
    }
    if (!missing_lines.empty()) {
        if (missing.result == CheckResult::Success) missing.result = CheckResult::Warning;
        missing.error = fmt::format("{}", fmt::join(missing_lines, "\n"));
        missing.hint = "new endpoints reach Linkerd within seconds; if they stay missing the namer's watch is stuck: "
                       "delete the l5d pod";
    }
    CheckItem all{fmt::format("every io.l5d.k8s client was compared ({} on {} proxies)", compared, proxies_compared),
                  CheckResult::Success, "", ""};
    if (!unchecked_lines.empty()) {
        all.result = CheckResult::Warning;
        all.error = fmt::format("{}", fmt::join(unchecked_lines, "\n"));
        all.hint = "reading endpoints needs 'list endpointslices' (discovery.k8s.io) or 'get endpoints' permission; "
                   "/client_state.json is in Linkerd 1.3.5 and later";
    }
    return {"linkerd-endpoints", {stale, missing, all}};
}

}  // namespace mesh::health
