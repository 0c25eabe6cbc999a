#include "libmesh/core/text_position.hpp"

#include <algorithm>

namespace mesh::core {

LineColumn line_column_at(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    LineColumn lc;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++lc.line;
            line_start = i + 1;
        }
    }
    lc.column = static_cast<int>(offset - line_start) + 1;
    return lc;
}

static std::string strip_line_end(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return std::string(line);
}

std::string line_at(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    start = (start == std::string_view::npos || offset == 0) ? 0 : start + 1;
    if (offset > 0 && text[offset - 1] == '\n') start = offset;
    std::size_t end = text.find('\n', offset);
    if (end == std::string_view::npos) end = text.size();
    return strip_line_end(text.substr(start, end - start));
}

std::string line_number(std::string_view text, int line) {
    std::size_t pos = 0;
    for (int current = 1; current < line; ++current) {
        pos = text.find('\n', pos);
        if (pos == std::string_view::npos) return {};
        ++pos;
    }
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    return strip_line_end(text.substr(pos, end - pos));
}

SourceLocation location_at(std::string_view text, std::size_t offset, const std::string& file, int first_line) {
    auto lc = line_column_at(text, offset);
    return SourceLocation{file, first_line + lc.line - 1, lc.column};
}

Error error_at_offset(ErrorCode code, std::string message, std::string_view text, std::size_t offset,
                      const std::string& file, int first_line) {
    return Error{code, std::move(message), location_at(text, offset, file, first_line), line_at(text, offset)};
}

}  // namespace mesh::core
