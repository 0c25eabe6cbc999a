// Keeping secrets out of logs and errors: URLs are the only request part we ever print.

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "libmesh/core/redact_url.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::net {

const char* failure_kind_name(FailureKind kind) {
    switch (kind) {
    case FailureKind::None: return "ok";
    case FailureKind::Refused: return "refused";
    case FailureKind::Timeout: return "timeout";
    case FailureKind::TooLarge: return "too large";
    case FailureKind::Tls: return "tls";
    case FailureKind::Resolve: return "resolve";
    case FailureKind::Cancelled: return "cancelled";
    case FailureKind::Other: return "error";
    }
    return "error";
}

std::string redact_url(const std::string& url) { return core::redact_url(url); }

}  // namespace mesh::net
