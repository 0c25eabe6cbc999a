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

/// Why a command failed: the error the frame prints once, and an optional line printed after it
/// (e.g. where an edit was kept).
struct CommandError {
    CommandError(core::Error e, std::string after = {}) : error(std::move(e)), note(std::move(after)) {}
    core::Error error;
    std::string note;  ///< printed verbatim after the error; empty for none
};

/// What a command's run returns: its exit code (0 ok, 3 findings, 130 interrupted), or an error.
using Outcome = tl::expected<int, CommandError>;

/// The command the parse chose, bound to its options; the frame runs it after parsing.
using ChosenCommand = std::function<Outcome(Io& io)>;

/// One invocation: its streams and the command parsing chose.
struct Context {
    cli::Io& io;
    ChosenCommand chosen = {};          ///< set by the chosen command's parse callback, run by the frame
    std::string program_name = "mesh";  ///< argv[0]'s base name, for compatibility personalities
};

/// Makes `run(*options, io)` what the frame runs when `command` is chosen; parsing only records it.
template <class Options>
void set_run(CLI::App& command, Context& ctx, std::shared_ptr<Options> options, Outcome (*run)(const Options&, Io&)) {
    command.callback([&ctx, options, run] { ctx.chosen = [options, run](Io& io) { return run(*options, io); }; });
}

/// Makes `run` what the frame runs when `command` is chosen (for commands that need more than options).
void set_run(CLI::App& command, Context& ctx, ChosenCommand run);

/// Prints `failure` the standard way (once, then its note) and returns its exit code (1, or 2 for usage).
int report_failure(Io& io, const CommandError& failure);

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

/// Runs a whole invocation under another program's command-line conventions; the frame prints a
/// returned error the standard way (messages in the other program's style are the personality's).
using Personality = std::function<Outcome(const std::vector<std::string>& args, Context& ctx)>;

/// A hook that adds one top-level command (with its subcommands), and that command's name.
struct TopLevelCommand {
    std::string name;  ///< empty for hooks that read the whole tree (completion, the root's texts)
    RegisterCommands add;
};

/// What the executable is made of: the hooks that add its commands, in the order `mesh --help`
/// lists them, and the programs mesh stands in for, by invoked name.
struct CommandSet {
    std::vector<TopLevelCommand> commands;
    std::map<std::string, Personality> personalities;
};

/// Adds every command of the set.
void register_every_command(const CommandSet& commands, CLI::App& app, Context& ctx);

/// Adds only the command named `name` and returns true; false (adding nothing) when no hook has
/// that name.
bool register_one_command(const CommandSet& commands, const std::string& name, CLI::App& app, Context& ctx);

}  // namespace mesh::cli
