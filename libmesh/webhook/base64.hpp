#pragma once
// Standard base64 (RFC 4648, with padding), as AdmissionReview carries its JSON Patch.

#include <optional>
#include <string>
#include <string_view>

namespace mesh::webhook {

/// `bytes` in standard base64 with '=' padding.
std::string base64_encode(std::string_view bytes);

/// The bytes `text` encodes, or nullopt when it is not padded standard base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace mesh::webhook
