// libFuzzer target: Linkerd 1 metrics.json (tree and flat), the JSON scanner and the typed view.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "libmesh/admin/client_state.hpp"
#include "libmesh/admin/json_scan.hpp"
#include "libmesh/admin/json_skip.hpp"
#include "libmesh/admin/linker_config.hpp"
#include "libmesh/admin/metrics_tree.hpp"
#include "libmesh/admin/proxy_metrics.hpp"
#include "libmesh/admin/server_info.hpp"

namespace {

// Two readings that must agree: the direct one and the tree's, and the fast skip and scan_json.
void check_agreement(std::string_view text, mesh::admin::MetricsLimits limits) {
    limits.prune_to_status = true;
    auto tree = mesh::admin::parse_metrics(text, limits);
    auto direct = mesh::admin::parse_proxy_metrics(text, limits);
    if (tree.has_value() != direct.has_value()) __builtin_trap();
    if (tree && !(mesh::admin::extract_proxy_metrics(*tree) == *direct)) __builtin_trap();
    if (!tree && tree.error().message != direct.error().message) __builtin_trap();
    if (auto end = mesh::admin::skip_json_value(text, 0)) {
        mesh::admin::SyntaxOnly none;
        if (mesh::admin::scan_json(text.substr(0, *end), none)) __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    mesh::admin::MetricsLimits limits;
    limits.max_nodes = 200000;
    for (bool prune : {false, true}) {
        limits.prune_to_status = prune;
        if (auto tree = mesh::admin::parse_metrics_tree(text, limits)) {
            auto m = mesh::admin::extract_proxy_metrics(*tree);
            for (const auto& r : m.routers)
                for (const auto& c : r.clients) (void)mesh::admin::client_display_name(c.id);
        }
    }
    if (auto flat = mesh::admin::parse_metrics_flat(text, limits)) (void)mesh::admin::extract_proxy_metrics(*flat);
    check_agreement(text, limits);
    (void)mesh::admin::parse_linker_config(text);
    (void)mesh::admin::parse_client_state(text);
    (void)mesh::admin::version_from_server_info(text);
    (void)mesh::admin::version_from_html(text);
    return 0;
}
