#pragma once
// Where each kind keeps its pod template.

#include <string>
#include <string_view>
#include <vector>

#include "libmesh/inject/inject_config.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::inject {

/// A pod template found in a document: the map holding `metadata` and `spec`.
struct PodTemplate {
    manifest::NodeId object = manifest::k_no_node;     ///< the workload object (a List item or the root)
    manifest::NodeId template_ = manifest::k_no_node;  ///< its pod template, or k_no_node if missing
    std::string kind;
    std::string name;
    std::string namespace_;
    std::string json_path;      ///< RFC 6901 pointer of the template from the document root
    std::string template_path;  ///< dotted path of the template within the object, for messages
};

/// An object that is not a workload, with the reason it is passed through.
struct SkippedObject {
    manifest::NodeId object = manifest::k_no_node;
    std::string kind;
    std::string name;
    std::string reason;
};

/// A built-in workload kind: the API groups Kubernetes serves it in (old betas included; "" is
/// the core group) and where it keeps its pod template ("" for Pod, which is its own template).
struct WorkloadKind {
    std::string_view kind;
    std::vector<std::string_view> groups;
    std::string_view template_path;
};

/// Every built-in workload kind, in the order --help names them: the one table that injection,
/// the custom-resource check and the help text read.
const std::vector<WorkloadKind>& workload_kinds();

/// The kinds of workload_kinds() with their groups, for --help: "Pod and ReplicationController
/// (core v1), Deployment, DaemonSet and ReplicaSet (apps, extensions), ...".
std::string workload_kinds_sentence();

/// Workloads and skipped objects of a document, Lists expanded recursively.
struct DocumentObjects {
    std::vector<PodTemplate> workloads;
    std::vector<SkippedObject> skipped;
};

/// Classifies the document's objects by kind in its API group (case-sensitive, as Kubernetes):
/// a kind named like a built-in workload in another group is a custom resource and is skipped.
DocumentObjects find_objects(const manifest::YamlTree& tree, const InjectConfig& config);

/// The API group of an apiVersion: "" for the core group ("v1"), "apps" for "apps/v1".
std::string api_group(const std::string& api_version);

/// The dotted pod-template path for a kind in a group ("" for Pod, which is its own template), or
/// nullopt; `--kind-path Kind.group=` wins over `Kind=`, which wins over the built-ins; a missing
/// group (no apiVersion) matches the kind alone.
std::optional<std::string> template_path_for(const std::string& kind, const std::optional<std::string>& group,
                                             const InjectConfig& config);

}  // namespace mesh::inject
