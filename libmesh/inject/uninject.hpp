#pragma once
// Removing exactly what injection added, as recorded in each pod template's marker annotation.

#include <string>
#include <vector>

#include "libmesh/inject/inject_config.hpp"
#include "libmesh/inject/workloads.hpp"
#include "libmesh/manifest/text_edit.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::inject {

/// The edits that remove what the marker of `workload` records, and any warnings (e.g. a
/// recorded container that no longer exists). Empty edits when the template has no marker.
struct UninjectEdits {
    bool had_marker = false;
    std::vector<manifest::TextEdit> edits;
    std::vector<std::string> warnings;
};

/// Plans uninjection of one workload.
core::Result<UninjectEdits> uninject_edits(const manifest::YamlTree& tree, const manifest::DocumentOrigin& origin,
                                           const PodTemplate& workload);

/// True when the pod template carries the marker annotation.
bool has_marker(const manifest::YamlTree& tree, const PodTemplate& workload);

}  // namespace mesh::inject
