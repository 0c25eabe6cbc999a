#pragma once
// What the `mesh dtab` subcommands share: reading dtab files or stdin, and combining dtabs.

#include <string>
#include <vector>

#include "cli/io.hpp"
#include "libmesh/core/error.hpp"
#include "libmesh/dtab/parser.hpp"

namespace mesh::commands {

/// Largest dtab input accepted from a file or stdin.
inline constexpr std::size_t k_max_dtab_input = 64u << 20;

/// The text of FILE, or of stdin when FILE is `-` or empty; fails with a clear message.
core::Result<std::string> read_dtab_input(const std::string& file, cli::Io& io);

/// How a file argument appears in messages (`<stdin>` for `-`).
std::string input_name(const std::string& file);

/// Parses dtab text from `name` (comments kept aside).
core::Result<dtab::ParsedDtab> parse_dtab_input(const std::string& text, const std::string& name);

/// The base dtab from `files` followed by the local dtab from `texts` (Finagle's base ++ local).
core::Result<dtab::Dtab> load_dtabs(const std::vector<std::string>& files, const std::vector<std::string>& texts,
                                    cli::Io& io);

}  // namespace mesh::commands
