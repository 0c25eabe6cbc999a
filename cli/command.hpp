#pragma once
// What every command shares: the invocation context and the hook to add itself to the CLI tree.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/exit_code.hpp"
#include "cli/io.hpp"
#include "libmesh/core/error.hpp"

namespace mesh::cli {

/// One invocation: its streams and the exit code the chosen command sets.
struct Context {
    cli::Io& io;
    int exit_code = cli::k_exit_ok;
    std::string program_name = "mesh";  ///< argv[0]'s base name, for compatibility personalities
};

/// Prints `error` the standard way and returns its exit code (1, or 2 for usage).
int report_error(Context& ctx, const core::Error& error);

/// Adds a subcommand with a one-line summary, a longer description and an examples footer, the
/// single source that --help, the man pages and the completions are made from.
CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& summary,
                      const std::string& description, const std::string& examples);

/// The description given to add_command (CLI11 keeps only the summary).
std::string command_long_description(const CLI::App& command);

/// The examples given to add_command, as written there (lines indented by two spaces).
std::string command_examples(const CLI::App& command);

/// Sets the long description and examples of a command not made by add_command (the root); the
/// examples are appended to its --help footer.
void describe_command(CLI::App& command, const std::string& description, const std::string& examples);

/// Adds commands to the tree (the root or a family's parent).
using RegisterCommands = std::function<void(CLI::App& app, Context& ctx)>;

/// Runs a whole invocation under another program's command-line conventions.
using Personality = std::function<int(const std::vector<std::string>& args, Context& ctx)>;

/// What the executable is made of: the hook that adds every command, in the order
/// `mesh --help` lists them, and the programs mesh stands in for, by invoked name.
struct CommandSet {
    RegisterCommands register_commands;
    std::map<std::string, Personality> personalities;
};

}  // namespace mesh::cli
