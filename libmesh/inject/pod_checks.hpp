#pragma once
// Whether a pod may be injected: the opt-out annotation, and the pods injection must refuse.

#include <optional>
#include <string>

#include "libmesh/inject/inject_config.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::inject {

/// Why the template opted out (`linkerd.io/inject: disabled`), or nullopt.
std::optional<std::string> opt_out_reason(const manifest::YamlTree& tree, manifest::NodeId pod_template);

/// Why injecting this pod spec must be refused (hostNetwork in iptables mode, a Linkerd 2 or Istio
/// sidecar already present), or nullopt.
std::optional<std::string> refusal_reason(const manifest::YamlTree& tree, manifest::NodeId pod_spec,
                                          const InjectConfig& config);

}  // namespace mesh::inject
