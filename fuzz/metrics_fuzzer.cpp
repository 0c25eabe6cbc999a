// libFuzzer target: Linkerd 1 metrics.json (tree and flat), the JSON scanner and the typed view.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "libmesh/admin/client_state.hpp"
#include "libmesh/admin/linker_config.hpp"
#include "libmesh/admin/metrics_tree.hpp"
#include "libmesh/admin/proxy_metrics.hpp"
#include "libmesh/admin/server_info.hpp"

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
    (void)mesh::admin::parse_linker_config(text);
    (void)mesh::admin::parse_client_state(text);
    (void)mesh::admin::version_from_server_info(text);
    (void)mesh::admin::version_from_html(text);
    return 0;
}
