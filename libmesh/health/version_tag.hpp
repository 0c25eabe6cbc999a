#pragma once
// Whether a container image's tag names the proxy's version, sparing a request to ask it.

#include <optional>
#include <string>

namespace mesh::health {

/// True when an image tag reads as a release version ("1.7.5", "v1.7.5-rc1"), not "latest".
bool is_version_tag(const std::optional<std::string>& tag);

}  // namespace mesh::health
