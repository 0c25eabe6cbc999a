#include "commands/dtab/delegate_live.hpp"

#include <fmt/format.h>

#include "libmesh/core/escape.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/dtab/delegate_json.hpp"
#include "libmesh/dtab/parser.hpp"
#include "libmesh/dtab/rewrite_namer.hpp"
#include "libmesh/health/live_delegation.hpp"

namespace mesh::commands {

namespace {

struct RouterOnProxy {
    health::ProxyTarget proxy;
    admin::RouterConfig router;
    dtab::Dtab dtab;
    std::vector<admin::NamerConfigEntry> namers;
};

// Mounts the io.l5d.rewrite namers at `/#/<prefix>`; a prefix of several elements is checked
// before the rest of the path goes to the namer.
void mount_rewrite_namers(const std::vector<admin::NamerConfigEntry>& namers, dtab::NamerConfig& config) {
    for (const auto& n : namers) {
        if (n.kind != "io.l5d.rewrite") continue;
        auto prefix = dtab::parse_path(n.prefix);
        if (!prefix || prefix->empty()) continue;  // linkerd requires a prefix: it would not have started
        dtab::Path more = dtab::drop(*prefix, 1);
        config.mounted.emplace_back(
            prefix->elems[0], [more, namer = dtab::rewrite_namer(n.pattern, n.name)](const dtab::Path& rest) {
                return dtab::starts_with(rest, more) ? namer(dtab::drop(rest, more.size())) : dtab::NamerResult{};
            });
    }
}

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
    return RouterOnProxy{std::move(proxy), *router, std::move(table), std::move(config.namers)};
}

}  // namespace

core::Result<OfflineRouter> router_from_proxy(const ProxyRouter& where) {
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
    OfflineRouter out{std::move(found.dtab), {}};
    mount_rewrite_namers(found.namers, out.namers);
    return out;
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
