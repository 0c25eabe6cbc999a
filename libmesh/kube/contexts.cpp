#include "libmesh/kube/contexts.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

#include <yaml-cpp/yaml.h>

namespace mesh::kube {

static constexpr std::size_t k_max_kubeconfig_bytes = 16u << 20;

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

std::vector<std::string> kubeconfig_paths(const std::optional<std::string>& explicit_path,
                                          const std::optional<std::string>& kubeconfig_env,
                                          const std::optional<std::string>& home) {
    if (explicit_path && !explicit_path->empty()) return {*explicit_path};
    std::vector<std::string> paths;
    if (kubeconfig_env && !kubeconfig_env->empty()) {
        std::size_t start = 0;
        while (start <= kubeconfig_env->size()) {
            std::size_t end = kubeconfig_env->find(':', start);
            if (end == std::string::npos) end = kubeconfig_env->size();
            if (end > start) paths.push_back(kubeconfig_env->substr(start, end - start));
            start = end + 1;
        }
        return paths;
    }
    if (home && !home->empty()) paths.push_back(*home + "/.kube/config");
    return paths;
}

std::vector<std::string> context_names_of_files(const std::vector<std::string>& paths) {
    std::vector<std::string> names;
    for (const auto& path : paths) {
        std::ifstream file(path, std::ios::binary);
        if (!file) continue;
        file.seekg(0, std::ios::end);
        auto size = file.tellg();
        if (size < 0 || static_cast<std::size_t>(size) > k_max_kubeconfig_bytes) continue;
        file.seekg(0);
        std::string text(static_cast<std::size_t>(size), '\0');
        file.read(text.data(), size);
        text.resize(static_cast<std::size_t>(file.gcount()));
        for (auto& name : kubeconfig_context_names(text))
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
}

}  // namespace mesh::kube
