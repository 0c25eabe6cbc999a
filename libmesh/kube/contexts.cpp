#include "libmesh/kube/contexts.hpp"

#include <algorithm>

#include <yaml-cpp/yaml.h>

#include "libmesh/core/file_reader.hpp"

namespace mesh::kube {

std::vector<std::string> kubeconfig_context_names(const std::string& yaml_text) {
    std::vector<std::string> names;
    try {
        YAML::Node root = YAML::Load(yaml_text);
        if (!root.IsMap()) return names;
        YAML::Node contexts = root["contexts"];
        if (!contexts.IsSequence()) return names;
        for (const auto& entry : contexts) {
            if (!entry.IsMap()) continue;
            YAML::Node name = entry["name"];
            if (name.IsScalar() && !name.Scalar().empty()) names.push_back(name.Scalar());
        }
    } catch (const YAML::Exception&) {
        names.clear();
    }
    return names;
}

std::vector<std::string> context_names_of_files(const std::vector<std::string>& paths) {
    std::vector<std::string> names;
    for (const auto& path : paths) {
        auto text = core::read_file_bounded(path, k_max_kubeconfig_bytes);
        if (!text) continue;
        for (auto& name : kubeconfig_context_names(*text))
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
}

}  // namespace mesh::kube
