#pragma once
// Context names of kubeconfig files, for completing --context; quiet on any problem, since a
// completion must never print errors into the user's command line.

#include <optional>
#include <string>
#include <vector>

namespace mesh::kube {

/// The `contexts[].name` values of one kubeconfig text, in order; empty when it is not a
/// kubeconfig (bad YAML, wrong shape).
std::vector<std::string> kubeconfig_context_names(const std::string& yaml_text);

/// The kubeconfig files kubectl would read: `explicit_path` if given, else the colon-separated
/// KUBECONFIG, else $HOME/.kube/config.
std::vector<std::string> kubeconfig_paths(const std::optional<std::string>& explicit_path,
                                          const std::optional<std::string>& kubeconfig_env,
                                          const std::optional<std::string>& home);

/// The context names of every readable file of `paths` (at most 16 MiB each), first one wins.
std::vector<std::string> context_names_of_files(const std::vector<std::string>& paths);

}  // namespace mesh::kube
