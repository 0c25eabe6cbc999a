#include "libmesh/inject/plan_render.hpp"

#include "libmesh/core/json_string.hpp"
#include "libmesh/manifest/meaning.hpp"

namespace mesh::inject {

core::Result<std::vector<manifest::TextEdit>> plan_text_edits(const PodPlan& plan, const manifest::TreeEditor& editor,
                                                              const manifest::YamlTree& tree) {
    std::vector<manifest::TextEdit> edits;
    for (const auto& op : plan.ops) {
        core::Result<manifest::TextEdit> edit;
        switch (op.type) {
        case PlanOp::Type::InsertItems: edit = editor.insert_items(op.target, op.before, op.items); break;
        case PlanOp::Type::AddEntries: edit = editor.add_entries(op.target, op.entries); break;
        case PlanOp::Type::ReplaceScalar: {
            bool flow = tree[op.target].parent != manifest::k_no_node && tree[tree[op.target].parent].flow;
            edit = editor.replace_scalar(op.target, flow ? core::json_quote(op.replacement, core::JsonEscape::Plain)
                                                         : manifest::yaml_scalar(op.replacement));
            break;
        }
        }
        if (!edit) return tl::unexpected(edit.error());
        edits.push_back(std::move(*edit));
    }
    return edits;
}

static std::string escape_pointer_token(const std::string& token) {
    std::string out;
    for (char c : token) out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return out;
}

// One JSON Patch operation; built member by member, as nlohmann's initializer lists copy every value.
static nlohmann::json patch_op(const char* op, std::string path, nlohmann::json value) {
    nlohmann::json out = nlohmann::json::object();
    out["op"] = op;
    out["path"] = std::move(path);
    out["value"] = std::move(value);
    return out;
}

void append_json_patch(const PodPlan& plan, nlohmann::json& patch) {
    for (const auto& op : plan.ops) {
        switch (op.type) {
        case PlanOp::Type::InsertItems:
            for (std::size_t i = 0; i < op.items.size(); ++i)
                patch.push_back(patch_op("add", op.json_path + "/" + std::to_string(op.before + i),
                                         manifest::new_value_json(op.items[i])));
            break;
        case PlanOp::Type::AddEntries:
            for (const auto& [key, value] : op.entries)
                patch.push_back(
                    patch_op("add", op.json_path + "/" + escape_pointer_token(key), manifest::new_value_json(value)));
            break;
        case PlanOp::Type::ReplaceScalar: patch.push_back(patch_op("replace", op.json_path, op.replacement)); break;
        }
    }
}

}  // namespace mesh::inject
