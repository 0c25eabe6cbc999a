#include "libmesh/manifest/stream_splitter.hpp"

#include <fmt/format.h>

#include "libmesh/core/text_position.hpp"

namespace mesh::manifest {

static constexpr std::string_view k_bom = "\xEF\xBB\xBF";

static core::Error error_at(std::string_view stream, std::size_t offset, const std::string& file, std::string message) {
    return core::error_at_offset(core::ErrorCode::Input, std::move(message), stream, offset, file);
}

// A separator is `---` at the start of a line followed by the end of the line, or blanks and
// an optional comment. Returns 0 when the line is not a separator, 1 when it is, -1 when it is
// `---` followed by content (which kubectl rejects).
static int classify_separator(std::string_view line) {
    if (line.substr(0, 3) != "---") return 0;
    std::string_view rest = line.substr(3);
    if (rest.empty() || rest == "\r") return 1;
    if (rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\r') return 0;  // e.g. `----` is content
    std::size_t i = rest.find_first_not_of(" \t\r");
    if (i == std::string_view::npos || rest[i] == '#') return 1;
    return -1;
}

static core::Result<std::vector<DocumentRange>> split_yaml(std::string_view stream, const std::string& file,
                                                           const core::Limits& limits) {
    std::vector<DocumentRange> docs;
    std::size_t doc_begin = 0;
    int doc_line = 1;
    int line_number = 1;
    std::size_t pos = 0;
    auto close_document = [&](std::size_t end) -> core::Result<void> {
        if (docs.size() >= limits.max_documents)
            return tl::unexpected(
                error_at(stream, end, file, fmt::format("more than {} documents", limits.max_documents)));
        DocumentRange doc{doc_begin, end, doc_line, false};
        // go-yaml strips a BOM at the start of every document; yaml-cpp would not.
        if (stream.substr(doc.begin, k_bom.size()) == k_bom) doc.begin += k_bom.size();
        if (doc.end - doc.begin > limits.max_document_bytes)
            return tl::unexpected(
                error_at(stream, doc.begin, file,
                         fmt::format("document is larger than the limit of {} MiB", limits.max_document_bytes >> 20)));
        docs.push_back(doc);
        return {};
    };
    while (pos < stream.size()) {
        std::size_t eol = stream.find('\n', pos);
        std::size_t next = eol == std::string_view::npos ? stream.size() : eol + 1;
        std::string_view line = stream.substr(pos, next - pos);
        if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
        int kind = classify_separator(line);
        if (kind < 0)
            return tl::unexpected(error_at(stream, pos + 3, file,
                                           "content after '---' on a document separator line is not "
                                           "accepted by kubectl; put it on the next line"));
        if (kind > 0) {
            if (auto r = close_document(pos); !r) return tl::unexpected(r.error());
            doc_begin = next;
            doc_line = line_number + 1;
        }
        pos = next;
        ++line_number;
    }
    if (auto r = close_document(stream.size()); !r) return tl::unexpected(r.error());
    return docs;
}

// Finds the end of the JSON value starting at `pos` by bracket matching outside strings.
static std::size_t json_value_end(std::string_view s, std::size_t pos, std::size_t max_depth, bool& too_deep) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = pos; i < s.size(); ++i) {
        char c = s[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[') {
            if (++depth > max_depth) {
                too_deep = true;
                return i;
            }
        } else if (c == '}' || c == ']') {
            if (depth == 0) return i;  // unbalanced; the parser reports it
            if (--depth == 0) return i + 1;
        }
    }
    return s.size();
}

static core::Result<std::vector<DocumentRange>> split_json(std::string_view stream, std::size_t start,
                                                           const std::string& file, const core::Limits& limits) {
    std::vector<DocumentRange> docs;
    std::size_t pos = start;
    while (true) {
        pos = stream.find_first_not_of(" \t\r\n", pos);
        if (pos == std::string_view::npos) break;
        if (stream[pos] != '{')
            return tl::unexpected(
                error_at(stream, pos, file,
                         fmt::format("expected '{{' to start the next JSON object, found '{}'", stream[pos])));
        bool too_deep = false;
        std::size_t end = json_value_end(stream, pos, limits.max_depth, too_deep);
        if (too_deep)
            return tl::unexpected(
                error_at(stream, end, file, fmt::format("nesting deeper than {} levels", limits.max_depth)));
        if (docs.size() >= limits.max_documents)
            return tl::unexpected(
                error_at(stream, pos, file, fmt::format("more than {} documents", limits.max_documents)));
        if (end - pos > limits.max_document_bytes)
            return tl::unexpected(
                error_at(stream, pos, file,
                         fmt::format("document is larger than the limit of {} MiB", limits.max_document_bytes >> 20)));
        docs.push_back(DocumentRange{pos, end, core::line_column_at(stream, pos).line, true});
        pos = end;
    }
    return docs;
}

core::Result<std::vector<DocumentRange>> split_stream(std::string_view stream, const std::string& file,
                                                      const core::Limits& limits) {
    std::size_t start = stream.substr(0, 3) == k_bom ? 3 : 0;
    std::size_t first = stream.find_first_not_of(" \t\r\n", start);
    if (first != std::string_view::npos && stream[first] == '{') return split_json(stream, start, file, limits);
    return split_yaml(stream, file, limits);
}

}  // namespace mesh::manifest
