#pragma once
// The committed files made from the command tree: man pages and completion scripts.

#include <map>
#include <string>

#include "cli/docgen/cli_model.hpp"

namespace mesh::cli {

/// Every generated file by its path relative to the source tree ("man/mesh.1",
/// "completions/mesh.bash", "completions/_mesh", "completions/mesh.fish") and its content.
std::map<std::string, std::string> generated_files(const CommandModel& root, const std::string& version);

}  // namespace mesh::cli
