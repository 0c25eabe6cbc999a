#include "libmesh/admin/client_state.hpp"

#include "libmesh/core/json_document.hpp"
#include "libmesh/core/result.hpp"

namespace mesh::admin {

core::Result<std::vector<ClientState>> parse_client_state(std::string_view text) {
    MESH_TRY_ASSIGN(auto doc, core::parse_json_document(text, "client_state.json"));
    if (!doc.is_object()) return core::input_error("client_state.json: expected a JSON object");
    std::vector<ClientState> out;
    for (const auto& [name, value] : doc.items()) {
        ClientState s;
        s.client = name;
        if (value.is_object()) {
            if (auto st = value.find("state"); st != value.end() && st->is_string()) s.state = st->get<std::string>();
            if (auto addrs = value.find("addresses"); addrs != value.end() && addrs->is_array()) {
                for (const auto& a : *addrs)
                    if (a.is_string()) s.addresses.push_back(a.get<std::string>());
            }
        }
        out.push_back(std::move(s));
    }
    return out;  // nlohmann::json objects iterate in key order
}

}  // namespace mesh::admin
