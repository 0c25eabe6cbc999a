#include "libmesh/install/linkerd_config.hpp"

#include <fmt/format.h>

#include "libmesh/inject/inject_config.hpp"

namespace mesh::install {

namespace {

using Json = nlohmann::ordered_json;

// The seed's dtabs (servicemesh.yml), one dentry a line. Outgoing routers send to the incoming
// router on the target's node (/#/io.l5d.k8s.PROTO, the daemonset transformer); incoming routers
// send to the app itself. Names of the form "service" and "service.namespace" (default namespace
// "default"); names not in Kubernetes fall back to DNS.
std::string outgoing_http_dtab(const std::string& protocol) {
    return fmt::format("/ph => /$/io.buoyant.rinet;\n"
                       "/svc => /ph/80;\n"
                       "/svc => /$/io.buoyant.porthostPfx/ph;\n"
                       "/k8s => /#/io.l5d.k8s.{0};\n"
                       "/portNsSvc => /#/portNsSvcToK8s;\n"
                       "/host => /portNsSvc/{0}/default;\n"
                       "/host => /portNsSvc/{0};\n"
                       "/svc => /$/io.buoyant.http.domainToPathPfx/host;\n",
                       protocol);
}

std::string incoming_http_dtab(const std::string& protocol) {
    return fmt::format("/k8s => /#/io.l5d.k8s;\n"
                       "/portNsSvc => /#/portNsSvcToK8s;\n"
                       "/host => /portNsSvc/{0}/default;\n"
                       "/host => /portNsSvc/{0};\n"
                       "/svc => /$/io.buoyant.http.domainToPathPfx/host;\n",
                       protocol);
}

// gRPC names are /svc/package.Service; the path identifier takes the first path segment.
const char* k_outgoing_grpc_dtab = "/hp => /$/inet;\n"
                                   "/svc => /$/io.buoyant.hostportPfx/hp;\n"
                                   "/srv => /#/io.l5d.k8s.grpc/default/grpc;\n"
                                   "/svc => /$/io.buoyant.http.domainToPathPfx/srv;\n";
const char* k_incoming_grpc_dtab = "/srv => /#/io.l5d.k8s/default/grpc;\n"
                                   "/svc => /$/io.buoyant.http.domainToPathPfx/srv;\n";

std::string incoming_port_name(const std::string& protocol) { return protocol + "-incoming"; }

Json daemonset_transformer(const LinkerdOptions& o, const std::string& protocol) {
    Json t = {{"kind", "io.l5d.k8s.daemonset"},
              {"namespace", o.common.namespace_},
              {"port", incoming_port_name(protocol)},
              {"service", "l5d"}};
    if (o.cni) t["hostNetwork"] = true;
    return t;
}

Json localnode_transformer(const LinkerdOptions& o) {
    Json t = {{"kind", "io.l5d.k8s.localnode"}};
    if (o.cni) t["hostNetwork"] = true;
    return t;
}

Json namers(const LinkerdOptions& o) {
    Json list = Json::array();
    list.push_back({{"kind", "io.l5d.k8s"}});
    for (const char* protocol : {"http", "h2", "grpc"})
        list.push_back({{"kind", "io.l5d.k8s"},
                        {"prefix", fmt::format("/io.l5d.k8s.{}", protocol)},
                        {"transformers", Json::array({daemonset_transformer(o, protocol)})}});
    list.push_back({{"kind", "io.l5d.rewrite"},
                    {"prefix", "/portNsSvcToK8s"},
                    {"pattern", "/{port}/{ns}/{svc}"},
                    {"name", "/k8s/{ns}/{port}/{svc}"}});
    return list;
}

Json telemetry(const LinkerdOptions& o) {
    Json list = Json::array();
    list.push_back({{"kind", "io.l5d.prometheus"}});
    list.push_back({{"kind", "io.l5d.recentRequests"}, {"sampleRate", 0.25}});
    if (o.zipkin) {
        auto colon = o.zipkin->rfind(':');
        list.push_back({{"kind", "io.l5d.zipkin"},
                        {"host", o.zipkin->substr(0, colon)},
                        {"port", std::stoi(o.zipkin->substr(colon + 1))},
                        {"sampleRate", 1.0}});
    }
    return list;
}

std::string namerd_dst(const LinkerdOptions& o) {
    std::string address = o.namerd_address.empty()
                              ? fmt::format("namerd.{}.svc.cluster.local:{}", o.common.namespace_, k_namerd_thrift_port)
                              : o.namerd_address;
    auto colon = address.rfind(':');
    return fmt::format("/$/inet/{}/{}", address.substr(0, colon), address.substr(colon + 1));
}

// TLS on the hop between nodes only: outgoing routers' clients towards incoming routers (the
// names the daemonset transformer made), incoming routers' servers. Calls leaving the cluster
// keep the seed's rules.
Json outgoing_client(const LinkerdOptions& o, const RouterPort& r) {
    Json configs = Json::array();
    if (r.protocol == "grpc")
        configs.push_back({{"prefix", "/$/inet/{service}"}, {"tls", {{"commonName", "{service}"}}}});
    else
        configs.push_back({{"prefix", "/$/io.buoyant.rinet/443/{service}"}, {"tls", {{"commonName", "{service}"}}}});
    if (o.tls_secret)
        configs.push_back({{"prefix", fmt::format("/%/io.l5d.k8s.daemonset/{}/{}/l5d", o.common.namespace_,
                                                  incoming_port_name(r.protocol))},
                           {"tls",
                            {{"commonName", "linkerd"},
                             {"trustCerts", Json::array({fmt::format("{}/ca.crt", k_linkerd_certs_dir)})}}}});
    return {{"kind", "io.l5d.static"}, {"configs", configs}};
}

Json router(const LinkerdOptions& o, const RouterPort& r) {
    Json out = {{"label", r.label}, {"protocol", r.protocol == "http" ? "http" : "h2"}};
    Json server = {{"port", r.port}, {"ip", "0.0.0.0"}};
    if (o.tls_secret && !r.outgoing)
        server["tls"] = {{"certPath", fmt::format("{}/tls.crt", k_linkerd_certs_dir)},
                         {"keyPath", fmt::format("{}/tls.key", k_linkerd_certs_dir)}};
    out["servers"] = Json::array({server});
    if (r.protocol == "grpc") out["identifier"] = {{"kind", "io.l5d.header.path"}, {"segments", 1}};
    if (o.namerd) {
        out["interpreter"] = {{"kind", "io.l5d.namerd"},
                              {"dst", namerd_dst(o)},
                              {"namespace", r.protocol},
                              {"transformers", Json::array({r.outgoing ? daemonset_transformer(o, r.protocol)
                                                                       : localnode_transformer(o)})}};
    } else {
        if (!r.outgoing)
            out["interpreter"] = {{"kind", "default"}, {"transformers", Json::array({localnode_transformer(o)})}};
        if (r.protocol == "grpc")
            out["dtab"] = r.outgoing ? k_outgoing_grpc_dtab : k_incoming_grpc_dtab;
        else
            out["dtab"] = r.outgoing ? outgoing_http_dtab(r.protocol) : incoming_http_dtab(r.protocol);
    }
    if (r.outgoing) out["client"] = outgoing_client(o, r);
    return out;
}

}  // namespace

const std::vector<RouterPort>& router_ports() {
    static const std::vector<RouterPort> ports{
        {"http-outgoing", "http", inject::k_http_port, true}, {"http-incoming", "http", inject::k_http_port + 1, false},
        {"h2-outgoing", "h2", inject::k_h2_port, true},       {"h2-incoming", "h2", inject::k_h2_port + 1, false},
        {"grpc-outgoing", "grpc", inject::k_grpc_port, true}, {"grpc-incoming", "grpc", inject::k_grpc_port + 1, false},
    };
    return ports;
}

nlohmann::ordered_json linkerd_config(const LinkerdOptions& o) {
    Json config;
    config["admin"] = {{"ip", "0.0.0.0"}, {"port", k_linkerd_admin_port}};
    // With namerd, naming is namerd's job; the transformers reach the API on their own.
    if (!o.namerd) config["namers"] = namers(o);
    config["telemetry"] = telemetry(o);
    // The seed's usage reporting went to Buoyant's servers, which no longer take it.
    config["usage"] = {{"enabled", false}};
    Json routers = Json::array();
    for (const RouterPort& r : router_ports()) routers.push_back(router(o, r));
    config["routers"] = routers;
    return config;
}

std::vector<std::pair<std::string, std::string>> config_dtabs(const nlohmann::ordered_json& config) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!config.contains("routers")) return out;
    for (std::size_t i = 0; i < config["routers"].size(); ++i) {
        const Json& r = config["routers"][i];
        if (r.contains("dtab"))
            out.emplace_back(fmt::format("routers[{}] {}", i, r.value("label", "")), r["dtab"].get<std::string>());
    }
    return out;
}

}  // namespace mesh::install
