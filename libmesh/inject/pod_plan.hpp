#pragma once
// The injection plan for one pod template: what to add where, computed once and rendered either as
// text edits on a manifest (mesh inject) or as JSON Patch operations (the webhook), so both agree.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "libmesh/inject/inject_config.hpp"
#include "libmesh/inject/marker.hpp"
#include "libmesh/inject/workloads.hpp"
#include "libmesh/manifest/new_value.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::inject {

/// One addition or replacement on an existing node.
struct PlanOp {
    enum class Type { InsertItems, AddEntries, ReplaceScalar } type = Type::AddEntries;
    manifest::NodeId target = manifest::k_no_node;  ///< list, map or scalar
    std::string json_path;                          ///< RFC 6901 pointer of target
    std::size_t before = 0;                         ///< InsertItems: index to insert before (size appends)
    std::vector<manifest::NewValue> items;
    std::vector<manifest::NewValueEntry> entries;
    std::string replacement;  ///< ReplaceScalar: the new value
};

/// The outcome for one pod template.
struct PodPlan {
    enum class Outcome { Inject, Unchanged, Skip, Refuse } outcome = Outcome::Inject;
    std::string reason;  ///< for Skip and Refuse
    std::vector<PlanOp> ops;
    std::vector<std::string> warnings;
    std::vector<std::string> not_routed;  ///< why containers' traffic would bypass Linkerd (http-proxy mode)
    Marker marker;
};

/// Plans injection into one workload's pod template. Fails (with a position) on layouts it
/// cannot edit safely: aliases, anchors on edited nodes, merge keys, missing or mistyped fields.
core::Result<PodPlan> plan_pod(const manifest::YamlTree& tree, const manifest::DocumentOrigin& origin,
                               const PodTemplate& workload, const InjectConfig& config);

}  // namespace mesh::inject
