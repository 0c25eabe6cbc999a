#include "libmesh/install/render.hpp"

#include "libmesh/install/yaml_writer.hpp"

namespace mesh::install {

std::string render_yaml(const std::vector<nlohmann::ordered_json>& objects) {
    std::string out;
    for (const auto& object : objects) out += "---\n" + to_block_yaml(object);
    return out;
}

std::string render_json(const std::vector<nlohmann::ordered_json>& objects) {
    nlohmann::ordered_json list = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", objects}};
    return list.dump(4) + "\n";
}

}  // namespace mesh::install
