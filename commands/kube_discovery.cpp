#include "commands/kube_discovery.hpp"

namespace mesh::commands {

core::Result<ResolvedProxies> discover_kube_proxies(const ProxySourceOptions&, Context&, net::HttpClient&,
                                                    const net::Request&) {
    return core::fail(core::ErrorCode::Usage,
                      "no proxies given: use --proxy ADDR or --proxies-file FILE");
}

}  // namespace mesh::commands
