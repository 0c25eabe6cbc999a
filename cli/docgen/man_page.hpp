#pragma once
// roff man pages (section 1) made from the command tree, one page per command.

#include <string>

#include "cli/docgen/cli_model.hpp"

namespace mesh::cli {

/// The file name of a command's page: "mesh.1", "mesh-dtab-fmt.1".
std::string man_page_name(const CommandModel& command);

/// The roff source of `command`'s page; `version` goes into the footer; `parent` (null for the
/// root) and the subcommands are cross-referenced in SEE ALSO.
std::string render_man_page(const CommandModel& command, const CommandModel* parent, const std::string& version);

/// Escapes text for roff: backslashes, hyphens, and a leading control character.
std::string roff_escape(const std::string& text);

/// Hand-written prose for roff: escaped as roff_escape does, with `code spans` in bold (their
/// backticks dropped); a lone backtick stays as it is.
std::string roff_prose(const std::string& text);

/// `text` with the backticks of its code spans dropped, for places that take no fonts (NAME).
std::string without_code_marks(const std::string& text);

}  // namespace mesh::cli
