#pragma once
// The proxy's version (`/admin/server_info`, `/help`) and liveness (`/admin/ping`).

#include <optional>
#include <string>
#include <string_view>

namespace mesh::admin {

/// The version in a `/admin/server_info` body; nullopt when absent, unparsable, "0.0" or "unknown".
std::optional<std::string> version_from_server_info(std::string_view body);

/// The version in a Linkerd HTML page (`data-linkerd-version="X"` or `version X` in the nav).
std::optional<std::string> version_from_html(std::string_view body);

/// True when a `/admin/ping` body says the proxy is alive ("pong").
bool is_pong(std::string_view body);

}  // namespace mesh::admin
