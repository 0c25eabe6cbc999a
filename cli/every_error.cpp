#include "cli/every_error.hpp"

#include <fmt/format.h>

#include <sstream>

#include "cli/error_printer.hpp"

namespace mesh::cli {

CommandError every_error(const std::vector<core::Error>& errors) {
    std::ostringstream rest;
    for (std::size_t i = 1; i < errors.size(); ++i) print_error(rest, errors[i]);
    if (errors.size() > 1) rest << fmt::format("mesh: {} inputs failed; nothing was written\n", errors.size());
    return CommandError(errors.front(), rest.str());
}

}  // namespace mesh::cli
