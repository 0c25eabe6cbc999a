#pragma once
// The two numbers that size a webhook pod's memory, the same flags for `serve` and `manifests`.

#include <cstddef>

#include <CLI/CLI.hpp>

namespace mesh::commands {

/// Adds --threads and --max-body-bytes, bound to `threads` and `max_body_bytes`.
void add_capacity_flags(CLI::App& cmd, std::size_t& threads, std::size_t& max_body_bytes);

}  // namespace mesh::commands
