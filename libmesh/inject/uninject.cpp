#include "libmesh/inject/uninject.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "libmesh/core/result.hpp"
#include "libmesh/inject/marker.hpp"
#include "libmesh/manifest/tree_editor.hpp"

namespace mesh::inject {

using manifest::k_no_node;
using manifest::NodeId;
using manifest::NodeKind;
using manifest::YamlTree;

static std::size_t entry_index(const YamlTree& tree, NodeId map, const std::string& key) {
    for (std::size_t i = 0; i < tree.entry_count(map); ++i) {
        const auto& k = tree[tree.key_at(map, i)];
        if (k.kind == NodeKind::Scalar && k.value == key) return i;
    }
    return std::string::npos;
}

static std::size_t item_named(const YamlTree& tree, NodeId list, const std::string& name) {
    if (list == k_no_node || tree[list].kind != NodeKind::Sequence) return std::string::npos;
    const auto& items = tree[list].children;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (tree.scalar(items[i], "name") == name) return i;
    return std::string::npos;
}

bool has_marker(const YamlTree& tree, const PodTemplate& workload) {
    if (workload.template_ == k_no_node) return false;
    return tree.get(tree.path(workload.template_, "metadata.annotations"), k_marker_annotation) != k_no_node;
}

namespace {

class Remover {
public:
    Remover(const YamlTree& tree, const manifest::DocumentOrigin& origin, const PodTemplate& workload)
        : m_tree(tree), m_origin(origin), m_editor(tree, origin), m_workload(workload) {}

    core::Result<UninjectEdits> run();

private:
    const YamlTree& m_tree;
    const manifest::DocumentOrigin& m_origin;
    manifest::TreeEditor m_editor;
    const PodTemplate& m_workload;
    UninjectEdits m_out;

    core::Result<void> add(core::Result<manifest::TextEdit> edit) {
        if (!edit) return tl::unexpected(edit.error());
        m_out.edits.push_back(std::move(*edit));
        return {};
    }
    core::Result<void> remove_container_record(NodeId containers, const ContainerRecord& record);
    core::Result<void> remove_init_container(NodeId spec, const Marker& marker);
    core::Result<void> remove_marker(const Marker& marker);
};

core::Result<void> Remover::remove_container_record(NodeId containers, const ContainerRecord& record) {
    std::size_t index = item_named(m_tree, containers, record.container);
    if (index == std::string::npos) {
        m_out.warnings.push_back(fmt::format("container {} recorded by mesh no longer exists", record.container));
        return {};
    }
    NodeId container = m_tree[containers].children[index];
    NodeId env = m_tree.get(container, "env");
    if (env == k_no_node || m_tree[env].kind != NodeKind::Sequence) return {};
    for (const auto& [name, original] : record.overwritten) {
        std::size_t at = item_named(m_tree, env, name);
        if (at == std::string::npos) continue;
        NodeId item = m_tree[env].children[at];
        NodeId scalar = m_tree.get(item, "value");
        if (scalar == k_no_node) scalar = m_tree.path(item, "valueFrom.fieldRef.fieldPath");
        if (scalar != k_no_node)
            if (auto ok = add(m_editor.replace_scalar(scalar, original)); !ok) return ok;
    }
    std::vector<std::size_t> ours;
    for (const auto& name : record.env)
        if (std::size_t at = item_named(m_tree, env, name); at != std::string::npos) ours.push_back(at);
    std::sort(ours.begin(), ours.end());
    if (ours.empty()) return {};
    if (record.created_env && ours.size() == m_tree[env].children.size())
        return add(m_editor.remove_entry(container, entry_index(m_tree, container, "env")));
    // Added variables were inserted together, but a user may have put entries between them since.
    std::size_t run_start = 0;
    for (std::size_t i = 1; i <= ours.size(); ++i) {
        if (i == ours.size() || ours[i] != ours[i - 1] + 1) {
            if (auto ok = add(m_editor.remove_items(env, ours[run_start], i - run_start)); !ok) return ok;
            run_start = i;
        }
    }
    return {};
}

core::Result<void> Remover::remove_init_container(NodeId spec, const Marker& marker) {
    NodeId init = m_tree.get(spec, "initContainers");
    std::size_t at = item_named(m_tree, init, marker.init_container);
    if (at == std::string::npos) {
        m_out.warnings.push_back(
            fmt::format("init container {} recorded by mesh no longer exists", marker.init_container));
        return {};
    }
    if (marker.created_key("initContainers") && m_tree[init].children.size() == 1)
        return add(m_editor.remove_entry(spec, entry_index(m_tree, spec, "initContainers")));
    return add(m_editor.remove_items(init, at, 1));
}

core::Result<void> Remover::remove_marker(const Marker& marker) {
    NodeId tmpl = m_workload.template_;
    NodeId metadata = m_tree.get(tmpl, "metadata");
    NodeId annotations = m_tree.get(metadata, "annotations");
    bool only_marker = m_tree.entry_count(annotations) == 1;
    if (marker.created_key("metadata") && only_marker && m_tree.entry_count(metadata) == 1)
        return add(m_editor.remove_entry(tmpl, entry_index(m_tree, tmpl, "metadata")));
    if (marker.created_key("annotations") && only_marker)
        return add(m_editor.remove_entry(metadata, entry_index(m_tree, metadata, "annotations")));
    return add(m_editor.remove_entry(annotations, entry_index(m_tree, annotations, k_marker_annotation)));
}

// Two removals can meet: an entry removed at the end of a file without a final newline also
// takes the newline before it, which ends the removal just before (the container's `env` when the
// Pod's `metadata` was appended after it). Deleting the union is what both meant; when the union
// reaches such an end of file it must take the newline before it too, so the file still ends
// without one.
static std::vector<manifest::TextEdit> merge_removals(std::string_view text, std::vector<manifest::TextEdit> edits) {
    std::stable_sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) { return a.offset < b.offset; });
    std::vector<manifest::TextEdit> out;
    for (auto& edit : edits) {
        bool removal = edit.insert.empty() && edit.remove > 0;
        if (removal && !out.empty() && out.back().insert.empty() && out.back().remove > 0 &&
            edit.offset <= out.back().offset + out.back().remove) {
            auto& merged = out.back();
            std::size_t end = std::max(merged.offset + merged.remove, edit.offset + edit.remove);
            std::size_t start = merged.offset;
            bool unterminated = end == text.size() && !text.empty() && text.back() != '\n';
            if (unterminated && start > 0 && text[start - 1] == '\n')
                start -= start > 1 && text[start - 2] == '\r' ? 2 : 1;
            merged.offset = start;
            merged.remove = end - start;
            continue;
        }
        out.push_back(std::move(edit));
    }
    return out;
}

core::Result<UninjectEdits> Remover::run() {
    NodeId tmpl = m_workload.template_;
    NodeId marker_node = m_tree.get(m_tree.path(tmpl, "metadata.annotations"), k_marker_annotation);
    if (marker_node == k_no_node) return m_out;
    m_out.had_marker = true;
    MESH_TRY(manifest::check_editable_line_breaks(m_tree, m_origin));
    if (m_tree[marker_node].kind != NodeKind::Scalar)
        return tl::unexpected(manifest::document_error(m_tree, m_origin, m_tree[marker_node].start,
                                                       "the mesh.l5d.io/injected annotation is not a string"));
    MESH_TRY_ASSIGN(auto marker, Marker::parse(m_tree[marker_node].value));
    NodeId spec = m_tree.get(tmpl, "spec");
    if (!marker.containers.empty()) {
        NodeId containers = m_tree.get(spec, "containers");
        for (const auto& record : marker.containers) MESH_TRY(remove_container_record(containers, record));
    }
    if (!marker.init_container.empty()) MESH_TRY(remove_init_container(spec, marker));
    MESH_TRY(remove_marker(marker));
    m_out.edits = merge_removals(m_tree.text, std::move(m_out.edits));
    return m_out;
}

}  // namespace

core::Result<UninjectEdits> uninject_edits(const YamlTree& tree, const manifest::DocumentOrigin& origin,
                                           const PodTemplate& workload) {
    return Remover(tree, origin, workload).run();
}

}  // namespace mesh::inject
