#include "libmesh/core/escape.hpp"

#include <fmt/format.h>

#include "libmesh/core/utf8.hpp"

namespace mesh::core {

namespace {

std::string escape(std::string_view text, bool keep_layout, bool double_backslashes) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if ((c >= 0x20 && c < 0x7F) || (keep_layout && (c == '\n' || c == '\t'))) {
            if (c == '\\' && double_backslashes) out += '\\';
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        switch (c) {
        case '\n':
            out += "\\n";
            ++i;
            continue;
        case '\r':
            out += "\\r";
            ++i;
            continue;
        case '\t':
            out += "\\t";
            ++i;
            continue;
        default: break;
        }
        if (c < 0x80) {
            out += fmt::format("\\x{:02x}", c);
            ++i;
            continue;
        }
        std::size_t length = utf8_sequence_length(text, i);
        if (length == 0) {
            out += fmt::format("\\x{:02x}", c);
            ++i;
            continue;
        }
        if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {  // a C1 control: CSI and friends
            out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
    return out;
}

}  // namespace

std::string escape_control(std::string_view text) { return escape(text, false, true); }

std::string escape_quoted(std::string_view text) { return escape(text, false, false); }

std::string escape_terminal(std::string_view text) { return escape(text, true, false); }

}  // namespace mesh::core
