#pragma once
// What `mesh inject --diff` prints: the processed stream as a unified diff against its input.

#include <string>

#include "libmesh/inject/stream_processor.hpp"

namespace mesh::inject {

/// A unified diff (`--- name` / `+++ name`) of every rewritten document of `result` against
/// `input`, each widened to whole lines; empty when nothing changed.
std::string unified_diff(const StreamResult& result, const std::string& input, const std::string& name);

}  // namespace mesh::inject
