#pragma once
// Fetching one input document over https (`mesh inject -f https://...`).

#include <cstddef>
#include <string>

#include "libmesh/core/error.hpp"

namespace mesh::net {

/// Fetches an https URL (no other scheme, also after redirects) up to `max_bytes`; the CA bundle
/// may be set with SSL_CERT_FILE. Non-2xx answers are errors naming the status.
core::Result<std::string> fetch_url(const std::string& url, std::size_t max_bytes);

}  // namespace mesh::net
