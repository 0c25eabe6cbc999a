#pragma once
// Credentials in URLs (user info, token-like query parameters) never reach output.

#include <string>

namespace mesh::core {

/// `url` with user info and credential-like query parameters (token, password, key, secret,
/// auth, signature) replaced by REDACTED; anything else is kept as written.
std::string redact_url(const std::string& url);

}  // namespace mesh::core
