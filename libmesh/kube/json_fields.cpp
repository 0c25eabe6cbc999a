#include "libmesh/kube/json_fields.hpp"

namespace mesh::kube {

const nlohmann::json& field(const nlohmann::json& j, const char* key) {
    static const nlohmann::json k_null;
    if (!j.is_object()) return k_null;
    auto it = j.find(key);
    return it == j.end() ? k_null : *it;
}

std::string string_field(const nlohmann::json& j, const char* key) {
    const nlohmann::json& v = field(j, key);
    return v.is_string() ? v.get<std::string>() : std::string();
}

}  // namespace mesh::kube
