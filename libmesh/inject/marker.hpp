#pragma once
// The record, kept in the pod template's `mesh.l5d.io/injected` annotation, of exactly what
// injection added, so re-injection is a no-op and uninject removes nothing a user wrote.

#include <string>
#include <utility>
#include <vector>

#include "libmesh/core/error.hpp"

namespace mesh::inject {

/// What was added to one container.
struct ContainerRecord {
    std::string container;
    std::vector<std::string> env;                                  ///< names of env vars added, in list order
    bool created_env = false;                                      ///< the `env` key itself was added
    std::vector<std::pair<std::string, std::string>> overwritten;  ///< var -> original scalar source
};

/// Everything injection added to one pod template.
struct Marker {
    std::string mode;
    int port = 0;
    std::vector<ContainerRecord> containers;
    std::string init_container;        ///< name of the init container added, or ""
    std::vector<std::string> created;  ///< keys created: "metadata", "annotations", "initContainers"

    bool created_key(const std::string& key) const;
    /// Compact JSON with a fixed key order (the annotation's value).
    std::string to_json() const;
    /// Parses an annotation value written by to_json.
    static core::Result<Marker> parse(const std::string& json);
};

}  // namespace mesh::inject
