#include "libmesh/admin/linker_config.hpp"

#include "libmesh/core/escape.hpp"
#include "libmesh/core/json_document.hpp"
#include "libmesh/core/result.hpp"

namespace mesh::admin {

using nlohmann::json;

static std::string string_at(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

core::Result<LinkerConfig> parse_linker_config(std::string_view text) {
    MESH_TRY_ASSIGN(auto doc, core::parse_json_document(text, "config.json"));
    const json& j = doc;
    if (!j.is_object()) return core::input_error("config.json: expected a JSON object");
    LinkerConfig c;
    if (auto admin = j.find("admin"); admin != j.end() && admin->is_object()) {
        if (auto ip = admin->find("ip"); ip != admin->end() && ip->is_string()) c.admin_ip = ip->get<std::string>();
        if (auto port = admin->find("port"); port != admin->end() && port->is_number_integer())
            c.admin_port = port->get<int>();
    }
    if (auto namers = j.find("namers"); namers != j.end() && namers->is_array()) {
        for (const auto& n : *namers) {
            if (!n.is_object()) continue;
            auto transformers = n.find("transformers");
            bool transformed = transformers != n.end() && transformers->is_array() && !transformers->empty();
            c.namers.push_back({string_at(n, "kind"), string_at(n, "prefix"), string_at(n, "pattern"),
                                string_at(n, "name"), transformed});
        }
    }
    if (auto routers = j.find("routers"); routers != j.end() && routers->is_array()) {
        for (const auto& r : *routers) {
            if (!r.is_object()) continue;
            RouterConfig rc;
            rc.protocol = string_at(r, "protocol");
            rc.label = string_at(r, "label");
            if (rc.label.empty()) rc.label = rc.protocol;
            rc.dtab = string_at(r, "dtab");
            if (auto servers = r.find("servers"); servers != r.end() && servers->is_array()) {
                for (const auto& s : *servers)
                    if (s.is_object() && s.contains("port") && s["port"].is_number_integer())
                        rc.server_ports.push_back(s["port"].get<int>());
            }
            const json* budget = &r;
            for (const char* key : {"service", "retries", "budget"}) {
                auto it = budget->find(key);
                if (it == budget->end() || !it->is_object()) {
                    budget = nullptr;
                    break;
                }
                budget = &*it;
            }
            if (budget) {
                if (auto p = budget->find("percentCanRetry"); p != budget->end() && p->is_number())
                    rc.percent_can_retry = p->get<double>();
            }
            if (auto interp = r.find("interpreter"); interp != r.end() && interp->is_object())
                rc.interpreter = string_at(*interp, "kind");
            c.routers.push_back(std::move(rc));
        }
    }
    return c;
}

core::Result<const RouterConfig*> find_router(const LinkerConfig& config, const std::string& label) {
    if (config.routers.empty()) return core::input_error("config.json: no routers");
    if (label.empty()) return &config.routers.front();
    std::string names;
    for (const auto& r : config.routers) {
        if (r.label == label) return &r;
        names += (names.empty() ? "" : ", ") + r.label;
    }
    return core::input_error("config.json: no router labelled \"" + core::escape_control(label) +
                             "\"; the routers are " + core::escape_control(names));
}

}  // namespace mesh::admin
