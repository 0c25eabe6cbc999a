#pragma once
// Text from outside (requests, files, servers) made safe to print on one line of a terminal or log.

#include <string>
#include <string_view>

namespace mesh::core {

/// `text` with every control byte (C0, DEL), every C1 control (U+0080..U+009F) and every byte of
/// invalid UTF-8 written as an escape (`\n`, `\r`, `\t`, `\x1b`, `\u009b`), and backslashes
/// doubled, so no newline or terminal sequence gets through; other UTF-8 is kept as is.
std::string escape_control(std::string_view text);

/// `text` escaped as by escape_control but with backslashes kept single: for a server's message
/// shown as the server wrote it, where backslashes are already its own escapes (a Finagle path's
/// `\x20` in linkerd's "Unknown namer: ... for path: /$/..."). Not reversible.
std::string escape_quoted(std::string_view text);

/// `text` with every terminal escape or control sequence made visible as in escape_control,
/// except that newlines and tabs are kept and backslashes are not doubled: for messages that are
/// already several lines, where only what could drive the terminal must go.
std::string escape_terminal(std::string_view text);

}  // namespace mesh::core
