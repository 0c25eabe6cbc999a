#pragma once
// Rendering pod plans: as text edits on the manifest, or as an RFC 6902 JSON Patch.

#include <nlohmann/json.hpp>

#include "libmesh/inject/pod_plan.hpp"
#include "libmesh/manifest/text_edit.hpp"
#include "libmesh/manifest/tree_editor.hpp"

namespace mesh::inject {

/// Text edits that carry out `plan` on the document `editor` was made for.
core::Result<std::vector<manifest::TextEdit>> plan_text_edits(const PodPlan& plan, const manifest::TreeEditor& editor,
                                                              const manifest::YamlTree& tree);

/// JSON Patch operations that carry out `plan` on the document's JSON form, appended to `patch`.
void append_json_patch(const PodPlan& plan, nlohmann::json& patch);

}  // namespace mesh::inject
