#pragma once
// JSON string literals, written byte for byte as the program mesh stands in for would write them.

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
    /// `\f` by name, other C0 controls as uppercase `\u00XX`, DEL as it is.
    Jackson,
    /// Go's `json.Marshal` as namerctl was built (before Go 1.22): C0 controls other than the
    /// three named ones as lowercase `\u00xx`, `<` `>` `&` as `\u003c` `\u003e` `\u0026`,
    /// U+2028 and U+2029 as `\u2028` `\u2029`, and each byte of invalid UTF-8 as `\ufffd`.
    GoMarshal,
};

/// `text` as a quoted JSON string literal in the style of `mode`.
std::string json_quote(std::string_view text, JsonEscape mode);

}  // namespace mesh::core
