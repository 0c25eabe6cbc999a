#pragma once
#include <string>
namespace mesh::commands {
/// `mesh version X (commit)`, also printed by `mesh --version`.
std::string version_line();
}  // namespace mesh::commands
