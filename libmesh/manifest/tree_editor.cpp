#include "libmesh/manifest/tree_editor.hpp"

#include <fmt/format.h>

namespace mesh::manifest {

core::Result<void> check_editable_line_breaks(const YamlTree& tree, const DocumentOrigin& origin) {
    std::string_view t = tree.text;
    for (std::size_t cr = t.find('\r'); cr != std::string_view::npos; cr = t.find('\r', cr + 1))
        if (cr + 1 == t.size() || t[cr + 1] != '\n')
            return tl::unexpected(document_error(tree, origin, cr,
                                                 "a bare carriage return breaks this line; mesh edits only text "
                                                 "whose line breaks are LF or CRLF: convert them first"));
    return {};
}

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static BlockStyle detect_style(const YamlTree& tree) {
    BlockStyle style;
    if (tree.text.find("\r\n") != std::string_view::npos) style.newline = "\r\n";
    bool step_found = false, lists_found = false;
    for (NodeId id = 0; id < static_cast<NodeId>(tree.nodes.size()); ++id) {
        const YamlNode& node = tree[id];
        if (node.kind != NodeKind::Map || node.flow) continue;
        for (std::size_t i = 0; i < tree.entry_count(id); ++i) {
            const YamlNode& key = tree[tree.key_at(id, i)];
            const YamlNode& value = tree[tree.value_at(id, i)];
            if (value.flow || value.line == key.line) continue;
            if (!step_found && value.kind == NodeKind::Map && value.column > key.column) {
                style.indent_step = value.column - key.column;
                step_found = true;
            }
            if (!lists_found && value.kind == NodeKind::Sequence) {
                style.indentless_lists = value.column == key.column;
                lists_found = true;
            }
        }
        if (step_found && lists_found) break;
    }
    return style;
}

TreeEditor::TreeEditor(const YamlTree& tree, const DocumentOrigin& origin)
    : m_tree(tree), m_origin(origin), m_style(detect_style(tree)) {}

core::Error TreeEditor::error(NodeId at, const std::string& message) const {
    return document_error(m_tree, m_origin, at == k_no_node ? 0 : m_tree[at].start, message);
}

std::size_t TreeEditor::line_start(std::size_t offset) const {
    std::size_t nl = offset == 0 ? std::string_view::npos : m_tree.text.rfind('\n', offset - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
}

std::size_t TreeEditor::newline_length_before(std::size_t offset) const {
    const auto& t = m_tree.text;
    if (offset >= 2 && t[offset - 1] == '\n' && t[offset - 2] == '\r') return 2;
    return offset >= 1 && t[offset - 1] == '\n' ? 1 : 0;
}

std::size_t TreeEditor::item_count(NodeId collection) const {
    const YamlNode& node = m_tree[collection];
    return node.kind == NodeKind::Map ? node.children.size() / 2 : node.children.size();
}

NodeId TreeEditor::entry_start_node(NodeId collection, std::size_t index) const {
    const YamlNode& node = m_tree[collection];
    return node.children[node.kind == NodeKind::Map ? index * 2 : index];
}

// Skips an anchor and a tag in front of a node's content.
static std::size_t skip_properties(std::string_view t, std::size_t p) {
    while (p < t.size() && (t[p] == '&' || t[p] == '!')) {
        while (p < t.size() && !is_blank(t[p])) ++p;
        while (p < t.size() && (t[p] == ' ' || t[p] == '\t')) ++p;
    }
    return p;
}

std::size_t TreeEditor::block_scalar_indicator(NodeId node) const {
    const YamlNode& n = m_tree[node];
    if (n.kind != NodeKind::Scalar || n.plain) return std::string_view::npos;
    std::size_t p = skip_properties(m_tree.text, n.start);
    bool block = p < m_tree.text.size() && (m_tree.text[p] == '|' || m_tree.text[p] == '>');
    return block ? p : std::string_view::npos;
}

core::Result<std::size_t> TreeEditor::scalar_end(NodeId scalar) const {
    const auto& t = m_tree.text;
    std::size_t p = skip_properties(t, m_tree[scalar].start);
    if (p >= t.size()) return p;
    char q = t[p];
    if (q == '"' || q == '\'') {
        for (std::size_t i = p + 1; i < t.size(); ++i) {
            if (q == '"' && t[i] == '\\')
                ++i;
            else if (t[i] == q) {
                if (q == '\'' && i + 1 < t.size() && t[i + 1] == '\'')
                    ++i;
                else
                    return i + 1;
            }
        }
        return tl::unexpected(error(scalar, "unterminated quoted scalar"));
    }
    if (q == '|' || q == '>') return tl::unexpected(error(scalar, "cannot edit a block scalar in place"));
    bool in_flow = m_tree[scalar].parent != k_no_node && m_tree[m_tree[scalar].parent].flow;
    std::size_t i = p;
    for (; i < t.size() && t[i] != '\n' && t[i] != '\r'; ++i) {
        if (t[i] == '#' && i > p && (t[i - 1] == ' ' || t[i - 1] == '\t')) break;
        if (in_flow && (t[i] == ',' || t[i] == ']' || t[i] == '}')) break;
    }
    while (i > p && (t[i - 1] == ' ' || t[i - 1] == '\t')) --i;
    return i;
}

std::size_t TreeEditor::content_end(NodeId node) const {
    const auto& t = m_tree.text;
    NodeId leaf = node;
    while (!m_tree[leaf].children.empty()) leaf = m_tree[leaf].children.back();
    const YamlNode& last = m_tree[leaf];
    std::size_t floor = m_tree[node].start;
    bool block_scalar = block_scalar_indicator(leaf) != std::string_view::npos;
    if (last.kind == NodeKind::Scalar && !last.plain && !block_scalar) {
        if (auto end = scalar_end(leaf)) floor = *end;
    }
    std::size_t p = m_tree[node].raw_end;
    std::size_t ls = line_start(p);
    // The next token may follow a list item's dash ("  - next: 1") or an explicit key's "?" (a
    // bare "?" is an empty key, and the next node starts just after it); the line is still not ours.
    bool only_indent = true;
    for (std::size_t i = ls; i < p; ++i)
        only_indent = only_indent && (t[i] == ' ' || t[i] == '\t' || t[i] == '-' || t[i] == '?' || t[i] == ':');
    // ...unless the node's own last value starts there: a bare "?" ending a map is its empty key.
    if (only_indent && m_tree[leaf].start < ls) p = ls;
    while (p > floor) {
        std::size_t prev = line_start(p - 1);
        if (prev < floor) break;
        std::string_view line = t.substr(prev, p - prev);
        std::size_t first = line.find_first_not_of(" \t\r\n");
        bool blank = first == std::string_view::npos;
        bool comment = !blank && line[first] == '#';
        bool doc_end = line.substr(0, 3) == "..." && (line.size() == 3 || is_blank(line[3]) || line[3] == '#');
        if (doc_end || (!block_scalar && (blank || comment))) {
            p = prev;
            continue;
        }
        break;
    }
    return p;
}

core::Result<std::size_t> TreeEditor::item_line_start(NodeId item) const {
    const auto& t = m_tree.text;
    std::size_t p = m_tree[item].start;
    while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t')) --p;
    if (p == 0 || t[p - 1] != '-') return tl::unexpected(error(item, "cannot find this list item's '-'"));
    --p;
    std::size_t ls = line_start(p);
    for (std::size_t i = ls; i < p; ++i)
        if (t[i] != ' ') return tl::unexpected(error(item, "cannot edit a list item that does not start its line"));
    return ls;
}

std::size_t TreeEditor::flow_open_bracket(NodeId collection) const {
    std::size_t p = skip_properties(m_tree.text, m_tree[collection].start);
    return p;
}

std::size_t TreeEditor::flow_close_bracket(NodeId collection) const {
    const auto& t = m_tree.text;
    int depth = 0;
    for (std::size_t i = flow_open_bracket(collection); i < t.size(); ++i) {
        char c = t[i];
        if (c == '"' || c == '\'') {
            for (++i; i < t.size(); ++i) {
                if (c == '"' && t[i] == '\\')
                    ++i;
                else if (t[i] == c)
                    break;
            }
        } else if (c == '#' && i > 0 && is_blank(t[i - 1])) {
            while (i < t.size() && t[i] != '\n') ++i;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if ((c == ']' || c == '}') && --depth == 0) {
            return i;
        }
    }
    return t.size();
}

std::size_t TreeEditor::end_of_content_before(std::size_t offset) const {
    while (offset > 0 && is_blank(m_tree.text[offset - 1])) --offset;
    return offset;
}

// True when nothing but indentation precedes `offset` on its line.
static bool first_on_line(std::string_view t, std::size_t offset) {
    while (offset > 0 && (t[offset - 1] == ' ' || t[offset - 1] == '\t')) --offset;
    return offset == 0 || t[offset - 1] == '\n';
}

template <typename Render> static std::string join_flow(std::size_t n, const std::string& sep, Render render) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += (i ? sep : "") + render(i);
    return out;
}

core::Result<TextEdit> TreeEditor::insert_items(NodeId seq, std::size_t before,
                                                const std::vector<NewValue>& items) const {
    const YamlNode& node = m_tree[seq];
    std::size_t n = item_count(seq);
    if (node.kind != NodeKind::Sequence) return tl::unexpected(error(seq, "expected a list"));
    if (node.flow) {
        auto render = [&](std::size_t i) { return render_flow(items[i]); };
        if (n == 0) return TextEdit{flow_open_bracket(seq) + 1, 0, join_flow(items.size(), ", ", render)};
        const auto& t = m_tree.text;
        NodeId anchor = entry_start_node(seq, std::min(before, n - 1));
        std::string sep = first_on_line(t, m_tree[anchor].start)
                              ? ",\n" + std::string(static_cast<std::size_t>(m_tree[anchor].column), ' ')
                              : ", ";
        if (before < n) return TextEdit{m_tree[anchor].start, 0, join_flow(items.size(), sep, render) + sep};
        std::size_t at = end_of_content_before(flow_close_bracket(seq));
        if (at > 0 && t[at - 1] == ',')
            return tl::unexpected(error(seq, "cannot append to a flow list with a trailing comma"));
        return TextEdit{at, 0, sep + join_flow(items.size(), sep, render)};
    }
    auto first = item_line_start(node.children.front());
    if (!first) return tl::unexpected(first.error());
    std::size_t dash = m_tree.text.find('-', *first);
    std::string text = render_block_items(items, static_cast<int>(dash - *first), m_style);
    if (before < n) {
        auto at = item_line_start(node.children[before]);
        if (!at) return tl::unexpected(at.error());
        return TextEdit{*at, 0, text};
    }
    return append_block(content_end(seq), std::move(text));
}

core::Result<TextEdit> TreeEditor::append_block(std::size_t at, std::string text) const {
    const auto& t = m_tree.text;
    if (at == t.size() && !t.empty() && t.back() != '\n') {
        // A block scalar ending the text without a line break would gain one in its value
        // (`|` keeps a final line break), so the text after it cannot be written.
        NodeId last = static_cast<NodeId>(m_tree.nodes.size()) - 1;
        std::size_t p = last >= 0 ? block_scalar_indicator(last) : std::string_view::npos;
        if (p != std::string_view::npos) {
            std::size_t header_end = std::min(t.find_first_of(" \t\r\n#", p), t.size());
            if (t.substr(p, header_end - p).find('-') == std::string_view::npos)  // '-': strip chomping
                return tl::unexpected(error(last, "the document ends in a block scalar with no final newline: adding "
                                                  "lines after it would add a line break to its value; end the "
                                                  "file with a newline"));
        }
        // The file has no final newline: keep it that way, so uninject can restore it exactly.
        text.resize(text.size() - m_style.newline.size());
        text = m_style.newline + text;
    }
    return TextEdit{at, 0, std::move(text)};
}

std::size_t TreeEditor::block_range_end(NodeId collection, std::size_t next_index, std::size_t& start) const {
    std::size_t end;
    if (next_index < item_count(collection)) {
        NodeId next = entry_start_node(collection, next_index);
        end = m_tree[collection].kind == NodeKind::Map ? line_start(m_tree[next].start) : *item_line_start(next);
    } else {
        end = content_end(collection);
        const auto& t = m_tree.text;
        if (end == t.size() && !t.empty() && t.back() != '\n') start -= newline_length_before(start);
    }
    return end;
}

core::Result<TextEdit> TreeEditor::remove_flow_range(NodeId collection, std::size_t first, std::size_t count) const {
    const auto& t = m_tree.text;
    std::size_t n = item_count(collection);
    std::size_t start = m_tree[entry_start_node(collection, first)].start;
    if (first + count < n)
        return TextEdit{start, m_tree[entry_start_node(collection, first + count)].start - start, {}};
    std::size_t end = end_of_content_before(flow_close_bracket(collection));
    if (first > 0) {
        std::size_t p = end_of_content_before(start);
        if (p == 0 || t[p - 1] != ',')
            return tl::unexpected(error(collection, "cannot find the ',' before a flow item"));
        start = end_of_content_before(p - 1);
    }
    return TextEdit{start, end - start, {}};
}

core::Result<TextEdit> TreeEditor::remove_items(NodeId seq, std::size_t first, std::size_t count) const {
    if (m_tree[seq].kind != NodeKind::Sequence || count == 0 || first + count > item_count(seq))
        return tl::unexpected(error(seq, "no such list items"));
    if (m_tree[seq].flow) return remove_flow_range(seq, first, count);
    for (std::size_t i = first; i <= first + count && i < item_count(seq); ++i)
        if (auto ok = item_line_start(m_tree[seq].children[i]); !ok) return tl::unexpected(ok.error());
    std::size_t start = *item_line_start(m_tree[seq].children[first]);
    std::size_t end = block_range_end(seq, first + count, start);
    return TextEdit{start, end - start, {}};
}

core::Result<TextEdit> TreeEditor::remove_entry(NodeId map, std::size_t index) const {
    if (m_tree[map].kind != NodeKind::Map || index >= item_count(map))
        return tl::unexpected(error(map, "no such map entry"));
    if (m_tree[map].flow) return remove_flow_range(map, index, 1);
    NodeId key = entry_start_node(map, index);
    if (!first_on_line(m_tree.text, m_tree[key].start))
        return tl::unexpected(error(key, "cannot remove a key that does not start its line"));
    std::size_t start = line_start(m_tree[key].start);
    std::size_t end = block_range_end(map, index + 1, start);
    return TextEdit{start, end - start, {}};
}

int TreeEditor::entry_column(NodeId key) const {
    const auto& t = m_tree.text;
    std::size_t p = m_tree[key].start;
    while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t')) --p;
    if (p == 0 || t[p - 1] != '?') return m_tree[key].column;
    return m_tree[key].column - static_cast<int>(m_tree[key].start - (p - 1));  // "? name": the "?"
}

core::Result<TextEdit> TreeEditor::add_entries(NodeId map, const std::vector<NewValueEntry>& entries) const {
    const YamlNode& node = m_tree[map];
    if (node.kind != NodeKind::Map) return tl::unexpected(error(map, "expected a map"));
    if (node.flow) {
        auto render = [&](std::size_t i) { return render_flow_entry(entries[i].first, entries[i].second); };
        std::size_t n = item_count(map);
        if (n == 0) return TextEdit{flow_open_bracket(map) + 1, 0, join_flow(entries.size(), ", ", render)};
        NodeId first = entry_start_node(map, 0);
        std::string sep = first_on_line(m_tree.text, m_tree[first].start)
                              ? ",\n" + std::string(static_cast<std::size_t>(m_tree[first].column), ' ')
                              : ", ";
        return TextEdit{m_tree[first].start, 0, join_flow(entries.size(), sep, render) + sep};
    }
    // Entries go at the keys' column: the map's own may be that of a tag or anchor on the line
    // above its first key (`!labels:` then `  app: x` is one tagged map).
    int indent = item_count(map) > 0 ? entry_column(entry_start_node(map, 0)) : node.column;
    return append_block(content_end(map), render_block_entries(entries, indent, m_style));
}

core::Result<TextEdit> TreeEditor::replace_scalar(NodeId scalar, const std::string& text) const {
    auto end = scalar_end(scalar);
    if (!end) return tl::unexpected(end.error());
    std::size_t start = skip_properties(m_tree.text, m_tree[scalar].start);
    if (m_tree.text.substr(start, *end - start).find('\n') != std::string_view::npos)
        return tl::unexpected(error(scalar, "cannot replace a scalar that spans several lines"));
    return TextEdit{start, *end - start, text};
}

core::Result<std::string> TreeEditor::scalar_source(NodeId scalar) const {
    auto end = scalar_end(scalar);
    if (!end) return tl::unexpected(end.error());
    std::size_t start = skip_properties(m_tree.text, m_tree[scalar].start);
    return std::string(m_tree.text.substr(start, *end - start));
}

}  // namespace mesh::manifest
