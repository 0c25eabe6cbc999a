#include "libmesh/core/escape.hpp"

#include <fmt/format.h>

namespace mesh::core {

namespace {

// Length of the valid UTF-8 sequence starting at text[i] (2 to 4), or 0.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    std::size_t length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead <= 0xDF ? 2 : 0;
    if (length == 0 || lead > 0xF4 || i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    unsigned char second = byte(i + 1);
    if (lead == 0xE0 && second < 0xA0) return 0;  // overlong
    if (lead == 0xED && second > 0x9F) return 0;  // surrogate
    if (lead == 0xF0 && second < 0x90) return 0;  // overlong
    if (lead == 0xF4 && second > 0x8F) return 0;  // over U+10FFFF
    return length;
}

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
        std::size_t length = utf8_sequence(text, i);
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
