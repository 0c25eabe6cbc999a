#pragma once
// JSON string literals, written byte for byte as the program mesh stands in for would write them.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mesh::core {

/// Whose bytes a JSON string literal reproduces. Every mode writes `"` and `\` as `\"` and `\\`,
/// `\n` `\r` `\t` by name, and passes other bytes >= 0x20 (UTF-8 included) through unless said.
enum class JsonEscape {
    /// mesh's own output (manifests, whose JSON text is also YAML): every other C0 control and DEL
    /// as lowercase `\u00xx`, so the literal is printable YAML too.
    Plain,
    /// Jackson's default (Linkerd's and namerd's admin JSON, mirrored by `mesh dtab`): `\b` and
    /// `\f` by name, other C0 controls as uppercase `\u00XX`, DEL as it is; invalid UTF-8 (bytes
    /// a Java string cannot hold) as U+FFFD, one for each maximal subpart, as Java decodes it.
    Jackson,
    /// Go's `json.Marshal` as namerctl was built (before Go 1.22): C0 controls other than the
    /// three named ones as lowercase `\u00xx`, `<` `>` `&` as `\u003c` `\u003e` `\u0026`,
    /// U+2028 and U+2029 as `\u2028` `\u2029`, and each byte of invalid UTF-8 as `\ufffd`.
    GoMarshal,
};

/// `text` as a quoted JSON string literal in the style of `mode`.
std::string json_quote(std::string_view text, JsonEscape mode);

/// Why a JSON string literal did not decode, and the byte offset of the text where that was seen.
struct JsonStringError {
    std::size_t offset = 0;
    const char* message = "";  ///< e.g. "bad \\u escape", "lone surrogate", "unterminated string"
};

/// Decodes the JSON string literal whose opening quote is at `text[pos]`, appending its bytes to
/// `out`, strictly as RFC 8259 reads it (no raw control characters; a surrogate escape only as a
/// pair, which becomes one 4-byte UTF-8 sequence). On success `pos` is just past the closing quote.
std::optional<JsonStringError> json_unquote(std::string_view text, std::size_t& pos, std::string& out);

}  // namespace mesh::core
