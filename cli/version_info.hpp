#pragma once
#include <string>
namespace mesh::cli {
/// `mesh version X (commit)`, also printed by `mesh --version`.
std::string version_line();
}  // namespace mesh::cli
