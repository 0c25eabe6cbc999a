#include "commands/dtab/delegate_live.hpp"

#include <fmt/format.h>

#include "libmesh/core/escape.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/dtab/delegate_json.hpp"
#include "libmesh/dtab/parser.hpp"
#include "libmesh/health/live_delegation.hpp"

namespace mesh::commands {

namespace {

struct RouterOnProxy {
    health::ProxyTarget proxy;
    admin::RouterConfig router;
    dtab::Dtab dtab;
};

core::Result<RouterOnProxy> router_on_proxy(const ProxyRouter& where) {
    MESH_TRY_ASSIGN(auto proxy, health::parse_proxy_address(where.address));
    proxy.request_template.timeout = std::chrono::milliseconds(static_cast<long long>(where.timeout_s * 1000));
    proxy.request_template.connect_timeout = std::min(proxy.request_template.timeout, std::chrono::milliseconds(5000));
    MESH_TRY_ASSIGN(auto config, health::fetch_linker_config(proxy));
    MESH_TRY_ASSIGN(const admin::RouterConfig* router, admin::find_router(config, where.router));
    dtab::ParseOptions options;
    options.file = fmt::format("{} /config.json, router {} dtab", core::escape_control(proxy.name),
                               core::escape_control(router->label));
    MESH_TRY_ASSIGN(auto table, dtab::parse_dtab(router->dtab, options));
    return RouterOnProxy{std::move(proxy), *router, std::move(table)};
}

}  // namespace

core::Result<dtab::Dtab> router_dtab_from_proxy(const ProxyRouter& where) {
    MESH_TRY_ASSIGN(auto found, router_on_proxy(where));
    const std::string& kind = found.router.interpreter;
    if (!kind.empty() && kind != "default")
        return core::input_error(fmt::format(
            "proxy {}: router {} resolves names with interpreter {}, whose dtab is not the one in /config.json; "
            "ask the proxy itself with --proxy{}",
            core::escape_control(found.proxy.name), core::escape_control(found.router.label),
            core::escape_control(kind),
            kind.rfind("io.l5d.namerd", 0) == 0 || kind == "io.l5d.mesh"
                ? ", or namerd with --namerd URL --namerd-namespace NS"
                : ""));
    return std::move(found.dtab);
}

core::Result<std::string> delegate_on_proxy(const ProxyRouter& where, const dtab::Path& path, const dtab::Dtab& extra,
                                            bool json) {
    MESH_TRY_ASSIGN(auto found, router_on_proxy(where));
    health::DelegationRequest request{found.router.label, dtab::show(dtab::concat(found.dtab, extra)),
                                      dtab::show(path)};
    MESH_TRY_ASSIGN(std::string body, health::fetch_delegation(found.proxy, request));
    // Read it even for -o json: only a well-formed delegation is printed.
    MESH_TRY_ASSIGN(auto tree, dtab::parse_delegate_json(body, fmt::format("proxy {}: /delegator.json",
                                                                           core::escape_control(found.proxy.name))));
    if (!json) return dtab::to_text(tree.root) + dtab::result_line(tree.root) + "\n";
    if (body.empty() || body.back() != '\n') body += '\n';
    return body;
}

}  // namespace mesh::commands
