#pragma once
// bash, zsh and fish completion scripts made from the command tree.

#include <string>

#include "cli/docgen/cli_model.hpp"

namespace mesh::cli {

/// A bash script defining `_mesh` and registering it for `mesh` and `kubectl-mesh`.
std::string render_bash_completion(const CommandModel& root);

/// A zsh script (`#compdef mesh kubectl-mesh`) for an fpath directory or for sourcing.
std::string render_zsh_completion(const CommandModel& root);

/// A fish script of `complete -c mesh ...` lines.
std::string render_fish_completion(const CommandModel& root);

/// The script for `shell` ("bash", "zsh" or "fish"); empty for another name.
std::string render_completion(const std::string& shell, const CommandModel& root);

/// Quotes `text` for bash and zsh: single quotes, with ' written as '\''.
std::string shell_quote(const std::string& text);

/// Quotes `text` for fish: single quotes, with ' and \ escaped by a backslash.
std::string fish_quote(const std::string& text);

/// The words of a completion kind as the scripts encode it: "files", "words:a b", "none"...
std::string completion_kind_word(const OptionModel& option);

}  // namespace mesh::cli
