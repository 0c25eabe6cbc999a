// parse_document: libyaml's events (the parser go-yaml, and so Kubernetes, was ported from) fed
// to the shared TreeBuilder, with libyaml's marks turned into byte offsets of the document.

#include <yaml.h>

#include <algorithm>

#include <fmt/format.h>

#include "libmesh/core/text_position.hpp"
#include "libmesh/manifest/libyaml_parser.hpp"
#include "libmesh/manifest/tree_builder.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::manifest {

namespace {

// libyaml's mark.index counts characters, not bytes; this maps one to the other, walking from
// the previous answer (marks arrive nearly in order, so the walk is short).
class ByteOffsets {
public:
    explicit ByteOffsets(std::string_view text) : m_text(text) {
        m_ascii = true;
        for (char c : text)
            if (static_cast<unsigned char>(c) >= 0x80) {
                m_ascii = false;
                break;
            }
    }

    bool ascii() const { return m_ascii; }

    std::size_t operator()(std::size_t char_index) {
        if (m_ascii) return std::min(char_index, m_text.size());
        while (m_char < char_index && m_byte < m_text.size()) {
            ++m_char;
            ++m_byte;
            while (m_byte < m_text.size() && is_continuation(m_text[m_byte])) ++m_byte;
        }
        while (m_char > char_index && m_byte > 0) {
            --m_char;
            --m_byte;
            while (m_byte > 0 && is_continuation(m_text[m_byte])) --m_byte;
        }
        return m_byte;
    }

private:
    std::string_view m_text;
    bool m_ascii;
    std::size_t m_char = 0;
    std::size_t m_byte = 0;

    static bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
};

using Parser = LibyamlParser;

std::string_view text_of(const yaml_char_t* s) { return s ? reinterpret_cast<const char*>(s) : std::string_view(); }

// Where a parse error is shown: libyaml puts an error at the end of the input on the line after
// the last one; the caret is more useful just after the last thing written.
std::size_t shown_offset(std::string_view text, std::size_t offset) {
    std::size_t content_end = text.find_last_not_of(" \t\r\n");
    content_end = content_end == std::string_view::npos ? 0 : content_end + 1;
    return offset > content_end ? content_end : offset;
}

core::Error syntax_error(const Parser& p, std::string_view text, ByteOffsets& bytes, const DocumentOrigin& origin) {
    const yaml_parser_t& parser = p.parser;
    std::string problem = parser.problem ? parser.problem : "cannot parse the document";
    std::size_t offset = parser.error == YAML_READER_ERROR ? std::min(parser.problem_offset, text.size())
                                                           : bytes(parser.problem_mark.index);
    if (parser.error == YAML_MEMORY_ERROR) problem = "out of memory while parsing";
    if (parser.context && parser.context_mark.index != parser.problem_mark.index) {
        std::size_t context_offset = bytes(parser.context_mark.index);
        auto lc = core::line_column_at(text, context_offset);
        problem += fmt::format(" ({} started at {}:{})", parser.context, origin.first_line + lc.line - 1, lc.column);
    }
    offset = shown_offset(text, offset);
    auto lc = core::line_column_at(text, offset);
    return core::Error{core::ErrorCode::Input, std::move(problem),
                       core::SourceLocation{origin.file, origin.first_line + lc.line - 1, lc.column},
                       core::line_at(text, offset)};
}

// Columns count bytes, as offsets do (libyaml counts characters).
NodeStart start_of(const yaml_event_t& e, ByteOffsets& bytes, std::string_view tag, const yaml_char_t* anchor) {
    const yaml_mark_t& m = e.start_mark;
    std::size_t column = m.column;
    if (!bytes.ascii()) column = bytes(m.index) - bytes(m.index - m.column);
    return NodeStart{bytes(m.index), static_cast<int>(m.line), static_cast<int>(column), tag, text_of(anchor)};
}

}  // namespace

core::Result<YamlTree> parse_document(std::string_view text, const DocumentOrigin& origin, const core::Limits& limits) {
    YamlTree tree;
    tree.text = text;
    // About one node per 12 bytes in Kubernetes manifests; growing the vector moved every node.
    tree.nodes.reserve(std::min<std::size_t>(text.size() / 12 + 4, 1u << 16));
    ByteOffsets bytes(text);
    TreeBuilder builder(tree, limits);
    Parser p(text);
    int documents = 0;
    while (true) {
        if (!p.next()) return tl::unexpected(syntax_error(p, text, bytes, origin));
        const yaml_event_t& e = p.event;
        bool ok = true;
        switch (e.type) {
        case YAML_STREAM_END_EVENT: return tree;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1)
                return tl::unexpected(document_error(tree, origin, bytes(e.start_mark.index),
                                                     "unexpected content after the end of the document"));
            break;
        case YAML_DOCUMENT_END_EVENT: builder.finish(); break;
        case YAML_SCALAR_EVENT: {
            const auto& s = e.data.scalar;
            bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
            std::string_view tag = s.tag ? text_of(s.tag) : (plain ? "?" : "!");
            ok = builder.scalar(start_of(e, bytes, tag, s.anchor),
                                std::string(reinterpret_cast<const char*>(s.value), s.length), plain);
            break;
        }
        case YAML_ALIAS_EVENT: ok = builder.alias(start_of(e, bytes, "", nullptr), text_of(e.data.alias.anchor)); break;
        case YAML_SEQUENCE_START_EVENT: {
            const auto& s = e.data.sequence_start;
            ok = builder.open(NodeKind::Sequence, start_of(e, bytes, s.tag ? text_of(s.tag) : "?", s.anchor),
                              s.style == YAML_FLOW_SEQUENCE_STYLE);
            break;
        }
        case YAML_MAPPING_START_EVENT: {
            const auto& s = e.data.mapping_start;
            ok = builder.open(NodeKind::Map, start_of(e, bytes, s.tag ? text_of(s.tag) : "?", s.anchor),
                              s.style == YAML_FLOW_MAPPING_STYLE);
            break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: ok = builder.close(); break;
        default: break;
        }
        if (!ok)
            return tl::unexpected(document_error(tree, origin, builder.failure().offset, builder.failure().message));
    }
}

}  // namespace mesh::manifest
