#pragma once
// Standard base64 (RFC 4648 alphabet): AdmissionReview patches, Secret data, kubeconfig `*-data`.

#include <optional>
#include <string>
#include <string_view>

namespace mesh::core {

/// How strictly base64_decode reads its text.
enum class Base64Decode {
    Strict,   ///< whole 4-character groups, '=' only as the last group's padding, nothing else
    Lenient,  ///< blanks and line breaks skipped, padding optional (kubeconfig `*-data` fields)
};

/// `bytes` in standard base64 with '=' padding.
std::string base64_encode(std::string_view bytes);

/// The bytes `text` encodes, or nullopt when it is not base64 under `mode`.
std::optional<std::string> base64_decode(std::string_view text, Base64Decode mode = Base64Decode::Strict);

}  // namespace mesh::core
