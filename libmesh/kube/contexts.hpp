#pragma once
// Context names of kubeconfig files, for completing --context; quiet on any problem, since a
// completion must never print errors into the user's command line.

#include <optional>
#include <string>
#include <vector>

#include "libmesh/kube/kubeconfig.hpp"  // kubeconfig_paths, the files to list

namespace mesh::kube {

/// The `contexts[].name` values of one kubeconfig text, in order; empty when it is not a
/// kubeconfig (bad YAML, wrong shape).
std::vector<std::string> kubeconfig_context_names(const std::string& yaml_text);

/// The context names of every readable file of `paths` (at most 16 MiB each, a larger one is
/// skipped unread), first one wins.
std::vector<std::string> context_names_of_files(const std::vector<std::string>& paths);

}  // namespace mesh::kube
