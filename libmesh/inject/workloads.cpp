#include "libmesh/inject/workloads.hpp"

#include <fmt/format.h>

namespace mesh::inject {

using manifest::k_no_node;
using manifest::NodeId;
using manifest::NodeKind;

const char* mode_name(Mode mode) { return mode == Mode::HttpProxy ? "http-proxy" : "iptables"; }

std::string api_group(const std::string& api_version) {
    auto slash = api_version.find('/');
    return slash == std::string::npos ? std::string() : api_version.substr(0, slash);
}

// The groups Kubernetes serves each built-in workload kind in, old betas included
// (extensions/v1beta1 Deployment, DaemonSet, ReplicaSet; apps/v1beta1 and v1beta2).
static bool builtin_group(const std::string& kind, const std::string& group) {
    if (kind == "Pod" || kind == "ReplicationController") return group.empty();
    if (kind == "Deployment" || kind == "DaemonSet" || kind == "ReplicaSet") return group == "apps" || group == "extensions";
    if (kind == "StatefulSet") return group == "apps";
    if (kind == "Job" || kind == "CronJob") return group == "batch";
    return false;
}

static bool builtin_kind(const std::string& kind) {
    return kind == "Pod" || kind == "ReplicationController" || kind == "Deployment" || kind == "DaemonSet" ||
           kind == "ReplicaSet" || kind == "StatefulSet" || kind == "Job" || kind == "CronJob";
}

std::optional<std::string> template_path_for(const std::string& kind, const std::optional<std::string>& group,
                                             const InjectConfig& config) {
    if (group)
        if (auto it = config.kind_paths.find(kind + "." + *group); it != config.kind_paths.end()) return it->second;
    if (auto it = config.kind_paths.find(kind); it != config.kind_paths.end()) return it->second;
    if (!builtin_kind(kind) || (group && !builtin_group(kind, *group))) return std::nullopt;
    if (kind == "Pod") return std::string();
    if (kind == "CronJob") return std::string("spec.jobTemplate.spec.template");
    return std::string("spec.template");
}

static std::string json_pointer(const std::string& dotted) {
    std::string out;
    std::size_t start = 0;
    while (start <= dotted.size() && !dotted.empty()) {
        std::size_t dot = dotted.find('.', start);
        std::string part = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        out += '/';
        for (char c : part) out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return out;
}

static bool is_list_kind(const std::string& kind) {
    return kind == "List" || (kind.size() > 4 && kind.compare(kind.size() - 4, 4, "List") == 0);
}

static void classify(const manifest::YamlTree& tree, NodeId object, const std::string& pointer,
                     const InjectConfig& config, DocumentObjects& out, int depth) {
    if (tree[object].kind != NodeKind::Map) {
        out.skipped.push_back({object, "", "", "not a Kubernetes object (not a map)"});
        return;
    }
    std::string kind = tree.scalar(object, "kind");
    std::string name = tree.scalar(tree.get(object, "metadata"), "name");
    if (kind.empty()) {
        out.skipped.push_back({object, "", name, "document missing \"kind\" field"});
        return;
    }
    if (is_list_kind(kind) && !config.kind_paths.count(kind)) {
        NodeId items = tree.get(object, "items");
        if (items == k_no_node || tree[items].kind != NodeKind::Sequence || depth > 8) {
            out.skipped.push_back({object, kind, name, "list without items"});
            return;
        }
        const auto& children = tree[items].children;
        for (std::size_t i = 0; i < children.size(); ++i)
            classify(tree, children[i], fmt::format("{}/items/{}", pointer, i), config, out, depth + 1);
        return;
    }
    // Without an apiVersion no reader can decode the object; match its kind alone, as before.
    std::string api_version = tree.scalar(object, "apiVersion");
    std::optional<std::string> group;
    if (!api_version.empty()) group = api_group(api_version);
    auto path = template_path_for(kind, group, config);
    if (!path) {
        bool custom = builtin_kind(kind) && group && !builtin_group(kind, *group);
        out.skipped.push_back({object, kind, name, !custom ? "not a workload kind"
                                         : config.suggest_flags ? "custom resource; see --kind-path"
                                                                : "custom resource"});
        return;
    }
    PodTemplate workload;
    workload.object = object;
    workload.kind = kind;
    workload.name = name;
    workload.namespace_ = tree.scalar(tree.get(object, "metadata"), "namespace");
    workload.template_path = *path;
    workload.template_ = path->empty() ? object : tree.path(object, *path);
    workload.json_path = pointer + json_pointer(*path);
    out.workloads.push_back(std::move(workload));
}

DocumentObjects find_objects(const manifest::YamlTree& tree, const InjectConfig& config) {
    DocumentObjects out;
    if (tree.root != k_no_node && tree[tree.root].kind != NodeKind::Null) classify(tree, tree.root, "", config, out, 0);
    return out;
}

}  // namespace mesh::inject
