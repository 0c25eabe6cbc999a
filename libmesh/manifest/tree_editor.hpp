#pragma once
// Edits that add or remove entries and items of a parsed document, computed as text edits on
// its original bytes, in the document's own style (block YAML, flow or JSON).

#include <string>
#include <utility>
#include <vector>

#include "libmesh/manifest/new_value.hpp"
#include "libmesh/manifest/text_edit.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::manifest {

/// Fails at the first carriage return not followed by a line feed: YAML reads a bare CR as a line
/// break, and TreeEditor writes only LF or CRLF ones, so its edits would join or split lines there.
core::Result<void> check_editable_line_breaks(const YamlTree& tree, const DocumentOrigin& origin);

/// Computes text edits for one document. Every function fails (with the node's position) rather
/// than guess when the layout is one it cannot edit safely.
class TreeEditor {
public:
    TreeEditor(const YamlTree& tree, const DocumentOrigin& origin);

    /// Adds entries to a map: after its last entry in block style, before its first in flow style.
    core::Result<TextEdit> add_entries(NodeId map, const std::vector<NewValueEntry>& entries) const;

    /// Inserts items into a sequence before item `before` (items().size() or more appends).
    core::Result<TextEdit> insert_items(NodeId seq, std::size_t before, const std::vector<NewValue>& items) const;

    /// Removes `count` consecutive items starting at `first`, exactly undoing insert_items.
    core::Result<TextEdit> remove_items(NodeId seq, std::size_t first, std::size_t count) const;

    /// Removes the map entry at `index` (0-based entry, not child), exactly undoing add_entries.
    core::Result<TextEdit> remove_entry(NodeId map, std::size_t index) const;

    /// Replaces a single-line scalar's text with `text` (already YAML/JSON-formatted).
    core::Result<TextEdit> replace_scalar(NodeId scalar, const std::string& text) const;

    /// The source text of a single-line scalar, as written (quotes included).
    core::Result<std::string> scalar_source(NodeId scalar) const;

    const BlockStyle& style() const { return m_style; }

private:
    const YamlTree& m_tree;
    DocumentOrigin m_origin;
    BlockStyle m_style;

    core::Error error(NodeId at, const std::string& message) const;
    std::size_t line_start(std::size_t offset) const;
    std::size_t content_end(NodeId node) const;
    core::Result<std::size_t> item_line_start(NodeId item) const;
    core::Result<std::size_t> scalar_end(NodeId scalar) const;
    /// Where a block scalar's '|' or '>' is (after its anchor and tag); npos for any other node.
    std::size_t block_scalar_indicator(NodeId node) const;
    std::size_t flow_open_bracket(NodeId collection) const;
    std::size_t flow_close_bracket(NodeId collection) const;
    std::size_t end_of_content_before(std::size_t offset) const;
    std::size_t newline_length_before(std::size_t offset) const;
    NodeId entry_start_node(NodeId collection, std::size_t index) const;
    /// The column a block map's entry starts at: its key's, or that of the "?" of an explicit key.
    int entry_column(NodeId key) const;
    std::size_t item_count(NodeId collection) const;
    core::Result<TextEdit> append_block(std::size_t at, std::string text) const;
    std::size_t block_range_end(NodeId collection, std::size_t next_index, std::size_t& start) const;
    core::Result<TextEdit> remove_flow_range(NodeId collection, std::size_t first, std::size_t count) const;
};

}  // namespace mesh::manifest
