#pragma once
// How an option reads in --help and in man pages, from the same model the generators use.

#include <string>

#include <CLI/CLI.hpp>

#include "cli/docgen/cli_model.hpp"

namespace mesh::cli {

/// Describes one flag, option or positional of a command.
OptionModel describe_option(const CLI::Option& opt);

/// What help and man pages show for an option's value: its choices ("text|wide|json"), "N" for a
/// number, else its name ("TEXT", "FILE"); empty for a flag.
std::string value_placeholder(const OptionModel& opt);

}  // namespace mesh::cli
