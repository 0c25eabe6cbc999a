#include "tests/support/yaml_oracle.hpp"

#include <yaml-cpp/yaml.h>

#include "libmesh/manifest/scalar_resolver.hpp"

namespace mesh::testing {

static nlohmann::json to_json(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: return nullptr;
    case YAML::NodeType::Scalar: {
        if (node.Tag() != "?") return node.Scalar();
        auto r = manifest::resolve_plain(node.Scalar());
        switch (r.type) {
        case manifest::ScalarType::Null: return nullptr;
        case manifest::ScalarType::Bool: return r.canonical == "true";
        case manifest::ScalarType::Int:
        case manifest::ScalarType::Float: return nlohmann::json{{"number", r.canonical}};
        case manifest::ScalarType::String: return node.Scalar();
        }
        return node.Scalar();
    }
    case YAML::NodeType::Sequence: {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : node) out.push_back(to_json(item));
        return out;
    }
    case YAML::NodeType::Map: {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& kv : node) out[kv.first.Scalar()] = to_json(kv.second);
        return out;
    }
    }
    return nullptr;
}

nlohmann::json oracle_meaning(const std::string& text) {
    nlohmann::json docs = nlohmann::json::array();
    for (const auto& doc : YAML::LoadAll(text))
        if (!doc.IsNull()) docs.push_back(to_json(doc));
    return docs;
}

static void strip_template(nlohmann::json& tmpl) {
    if (!tmpl.is_object() || !tmpl.contains("metadata") || !tmpl["metadata"].contains("annotations")) return;
    auto& annotations = tmpl["metadata"]["annotations"];
    if (!annotations.is_object() || !annotations.contains("mesh.l5d.io/injected")) return;
    auto marker = nlohmann::json::parse(annotations["mesh.l5d.io/injected"].get<std::string>());
    annotations.erase("mesh.l5d.io/injected");
    auto created = marker.value("created", nlohmann::json::array());
    auto was_created = [&](const char* key) { return std::find(created.begin(), created.end(), key) != created.end(); };
    if (annotations.empty() && was_created("annotations")) tmpl["metadata"].erase("annotations");
    if (tmpl["metadata"].empty() && was_created("metadata")) tmpl.erase("metadata");
    auto& spec = tmpl["spec"];
    nlohmann::json containers = marker.value("containers", nlohmann::json::object());
    for (auto& [name, record] : containers.items()) {
        for (auto& container : spec["containers"]) {
            if (container["name"] != name) continue;
            auto& env = container["env"];
            for (const auto& var : record["env"])
                for (std::size_t i = env.size(); i-- > 0;)
                    if (env[i]["name"] == var) env.erase(i);
            if (env.empty() && record.value("createdEnv", false)) container.erase("env");
        }
    }
    if (marker.contains("initContainer")) {
        auto& init = spec["initContainers"];
        for (std::size_t i = init.size(); i-- > 0;)
            if (init[i]["name"] == marker["initContainer"]) init.erase(i);
        if (init.empty() && was_created("initContainers")) spec.erase("initContainers");
    }
}

void strip_injection(nlohmann::json& document) {
    if (!document.is_object()) return;
    if (document.contains("items") && document["items"].is_array())
        for (auto& item : document["items"]) strip_injection(item);
    strip_template(document);
    if (document.contains("spec") && document["spec"].is_object()) {
        auto& spec = document["spec"];
        if (spec.contains("template")) strip_template(spec["template"]);
        // operator[] would add the path it looks up (a volcano CronJob has no jobTemplate.spec.template)
        nlohmann::json::json_pointer job_template("/jobTemplate/spec/template");
        if (spec.contains(job_template)) strip_template(spec[job_template]);
    }
}

}  // namespace mesh::testing
