#include "cli/error_printer.hpp"

#include <algorithm>
#include <string>

#include "cli/exit_code.hpp"
#include "libmesh/core/escape.hpp"

namespace mesh::cli {

// Messages quote files, API servers, admin servers and namerd: whatever could drive the terminal
// (escape sequences, carriage returns, other controls) is shown escaped.
void print_error(std::ostream& err, const core::Error& error) {
    err << "mesh: error: ";
    const auto& loc = error.location;
    if (!loc.file.empty()) {
        err << core::escape_terminal(loc.file);
        if (loc.line > 0) {
            err << ':' << loc.line;
            if (loc.column > 0) err << ':' << loc.column;
        }
        err << ": ";
    }
    err << core::escape_terminal(error.message) << '\n';
    if (!error.source_line.empty() && loc.column > 0) {
        err << "    " << core::escape_terminal(error.source_line) << '\n';
        // The caret goes under the column as shown, escapes included; tabs stay under tabs.
        std::size_t before = std::min(static_cast<std::size_t>(loc.column - 1), error.source_line.size());
        std::string shown_before = core::escape_terminal(std::string_view(error.source_line).substr(0, before));
        std::string caret(shown_before.size() + (static_cast<std::size_t>(loc.column - 1) - before), ' ');
        for (std::size_t i = 0; i < shown_before.size(); ++i)
            if (shown_before[i] == '\t') caret[i] = '\t';
        err << "    " << caret << "^\n";
    }
}

int exit_code_for(const core::Error& error) {
    return error.code == core::ErrorCode::Usage ? cli::k_exit_usage : cli::k_exit_failed;
}

}  // namespace mesh::cli
