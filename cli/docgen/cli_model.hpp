#pragma once
// A plain description of the CLI11 command tree, the one input of the man page and completion
// generators, so they never depend on CLI11's internals and can be tested on hand-made trees.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace mesh::cli {

/// How the value of an option or positional is completed.
enum class ValueKind {
    None,           ///< a flag: takes no value
    Text,           ///< free text: nothing to offer
    Choice,         ///< one of `choices` (from a CLI::IsMember check)
    File,           ///< a path to a file (`-f/--filename`, `--kubeconfig`, CLI::ExistingFile...)
    Directory,      ///< a path to a directory (CLI::ExistingDirectory)
    Context,        ///< a kubeconfig context name (`--context`)
    Namespace,      ///< a Kubernetes namespace (`-n/--namespace`)
    DtabNamespace,  ///< a namerd dtab namespace (the `namespace` argument of the dtab commands)
};

/// One flag, option or positional argument of a command.
struct OptionModel {
    std::vector<std::string> short_names;  ///< without the dash: "o"
    std::vector<std::string> long_names;   ///< without the dashes: "output"
    std::string positional_name;           ///< set for positionals only
    std::string description;
    std::string value_name;  ///< what --help shows for the value ("TEXT", "FILE"), empty for flags
    ValueKind kind = ValueKind::None;
    std::vector<std::string> choices;  ///< for ValueKind::Choice, in the order CLI11 lists them
    bool required = false;
    bool repeatable = false;  ///< may be given more than once / takes many values
    std::string default_value;

    /// Every spelling with its dashes: {"-o", "--output"}.
    std::vector<std::string> spellings() const;
};

/// One command of the tree with its visible options and subcommands.
struct CommandModel {
    std::vector<std::string> path;          ///< {"mesh"}, {"mesh", "dtab", "fmt"}
    std::string summary;                    ///< one line, as in the parent's command list
    std::string description;                ///< the hand-written long description (may be empty)
    std::string examples;                   ///< the hand-written examples, lines indented by two spaces
    std::vector<OptionModel> options;       ///< flags and options, in registration order
    std::vector<OptionModel> positionals;   ///< in order
    std::vector<CommandModel> subcommands;  ///< visible ones, in registration order

    /// The path joined by `separator`: "mesh dtab fmt" or "mesh-dtab-fmt".
    std::string joined(const std::string& separator) const;
};

/// Describes `app` and, recursively, its visible subcommands; hidden commands and options (CLI11
/// group "") are left out. `program` names the root when `app` is the root.
CommandModel describe_tree(CLI::App& app, const std::string& program = "mesh");

/// Every command of the tree, root first, depth first in registration order.
std::vector<const CommandModel*> flatten(const CommandModel& root);

/// Splits `text` on newlines (a final newline gives no empty last line).
std::vector<std::string> split_lines(const std::string& text);

}  // namespace mesh::cli
