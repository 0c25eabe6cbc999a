#pragma once
// Command-line mistakes explained in mesh's words, with the nearest command or flag suggested
// ("did you mean `inject`?"), instead of CLI11's own messages.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace mesh::cli {

/// The candidates nearest to `typed` (those it is a prefix of, else those at the smallest edit
/// distance, at most a third of its length and at least 1), in their order; empty when none is close.
std::vector<std::string> nearest_names(const std::string& typed, const std::vector<std::string>& candidates);

/// The message for a usage error that `app` raised while parsing `args` (without the program
/// name): "mesh: error: ..." lines, ending in how to get help. `program` is what the user typed
/// to run mesh ("mesh", "kubectl mesh").
std::string describe_parse_error(const CLI::App& app, const CLI::ParseError& error,
                                 const std::vector<std::string>& args, const std::string& program);

}  // namespace mesh::cli
