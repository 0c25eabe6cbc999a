#pragma once
// The -o/--output flag every command declares the same way: one enum, `text` for people.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace mesh::cli {

/// What a command prints: `text` for people (the default), `json` for programs, and the few
/// command-specific variants.
enum class OutputFormat { Text, Json, Wide, Short, Compact };

/// The name -o takes for `format` (`text`, `json`, `wide`, `short`, `compact`).
std::string output_format_name(OutputFormat format);

/// How one command's -o flag reads: the formats it accepts (listed in --help in this order), the
/// old names of `text` it still accepts without listing them, and whether --help shows the default.
struct OutputFlag {
    std::vector<OutputFormat> accepted;
    std::vector<std::string> hidden_text_aliases;  ///< e.g. `tree`, `pretty`
    bool show_default = false;
};

/// Adds -o,--output to `command`, writing the chosen format into `format`.
CLI::Option* add_output_flag(CLI::App& command, OutputFormat& format, const OutputFlag& flag, const std::string& help);

}  // namespace mesh::cli
