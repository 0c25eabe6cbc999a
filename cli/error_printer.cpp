#include "cli/error_printer.hpp"

#include <string>

#include "cli/exit_code.hpp"

namespace mesh::cli {

void print_error(std::ostream& err, const core::Error& error) {
    err << "mesh: error: ";
    const auto& loc = error.location;
    if (!loc.file.empty()) {
        err << loc.file;
        if (loc.line > 0) {
            err << ':' << loc.line;
            if (loc.column > 0) err << ':' << loc.column;
        }
        err << ": ";
    }
    err << error.message << '\n';
    if (!error.source_line.empty() && loc.column > 0) {
        err << "    " << error.source_line << '\n';
        std::string caret(static_cast<std::size_t>(loc.column - 1), ' ');
        // Keep tabs under tabs so the caret lines up in a terminal.
        for (std::size_t i = 0; i < caret.size() && i < error.source_line.size(); ++i)
            if (error.source_line[i] == '\t') caret[i] = '\t';
        err << "    " << caret << "^\n";
    }
}

int exit_code_for(const core::Error& error) {
    return error.code == core::ErrorCode::Usage ? cli::k_exit_usage : cli::k_exit_failed;
}

}  // namespace mesh::cli
