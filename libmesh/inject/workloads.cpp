#include "libmesh/inject/workloads.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace mesh::inject {

using manifest::k_no_node;
using manifest::NodeId;
using manifest::NodeKind;

const char* mode_name(Mode mode) { return mode == Mode::HttpProxy ? "http-proxy" : "iptables"; }

std::string api_group(const std::string& api_version) {
    auto slash = api_version.find('/');
    return slash == std::string::npos ? std::string() : api_version.substr(0, slash);
}

const std::vector<WorkloadKind>& workload_kinds() {
    // Groups as Kubernetes serves each kind, old betas included (extensions/v1beta1 Deployment,
    // DaemonSet, ReplicaSet; apps/v1beta1 and v1beta2).
    static const std::vector<WorkloadKind> kinds{
        {"Pod", {""}, ""},
        {"ReplicationController", {""}, "spec.template"},
        {"Deployment", {"apps", "extensions"}, "spec.template"},
        {"DaemonSet", {"apps", "extensions"}, "spec.template"},
        {"ReplicaSet", {"apps", "extensions"}, "spec.template"},
        {"StatefulSet", {"apps"}, "spec.template"},
        {"Job", {"batch"}, "spec.template"},
        {"CronJob", {"batch"}, "spec.jobTemplate.spec.template"},
    };
    return kinds;
}

std::string workload_kinds_sentence() {
    std::vector<std::string> parts;
    const auto& kinds = workload_kinds();
    for (std::size_t i = 0; i < kinds.size();) {
        std::size_t end = i;
        while (end < kinds.size() && kinds[end].groups == kinds[i].groups) ++end;
        std::string names;
        for (std::size_t k = i; k < end; ++k)
            names += std::string(k == i ? "" : k + 1 == end ? " and " : ", ") + std::string(kinds[k].kind);
        std::vector<std::string> groups;
        for (auto g : kinds[i].groups) groups.push_back(g.empty() ? "core v1" : std::string(g));
        parts.push_back(fmt::format("{} ({})", names, fmt::join(groups, ", ")));
        i = end;
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

static const WorkloadKind* builtin_kind(const std::string& kind) {
    for (const auto& k : workload_kinds())
        if (k.kind == kind) return &k;
    return nullptr;
}

static bool served_in(const WorkloadKind& kind, const std::string& group) {
    return std::find(kind.groups.begin(), kind.groups.end(), group) != kind.groups.end();
}

std::optional<std::string> template_path_for(const std::string& kind, const std::optional<std::string>& group,
                                             const InjectConfig& config) {
    if (group)
        if (auto it = config.kind_paths.find(kind + "." + *group); it != config.kind_paths.end()) return it->second;
    if (auto it = config.kind_paths.find(kind); it != config.kind_paths.end()) return it->second;
    const WorkloadKind* builtin = builtin_kind(kind);
    if (builtin == nullptr || (group && !served_in(*builtin, *group))) return std::nullopt;
    return std::string(builtin->template_path);
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
        const WorkloadKind* builtin = builtin_kind(kind);
        bool custom = builtin != nullptr && group && !served_in(*builtin, *group);
        out.skipped.push_back({object, kind, name,
                               !custom                ? "not a workload kind"
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
