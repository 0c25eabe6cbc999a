#pragma once
// UTF-8 as RFC 3629 defines it, which Go, nlohmann and so Kubernetes' readers enforce: no overlong
// forms, no surrogates, nothing above U+10FFFF.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mesh::core {

/// The length of the well-formed UTF-8 sequence at text[i]: 1 for an ASCII byte, 2 to 4, or 0 when
/// the bytes there are not one (or i is past the end).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

/// Appends the code point `cp` (at most U+10FFFF) as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace mesh::core
