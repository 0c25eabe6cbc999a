#pragma once
// Static checks of a dtab: loops, dentries that can never apply, unreachable branches, unknown
// `/$/` namers and weights that are not positive.

#include <cstddef>
#include <string>
#include <vector>

#include "libmesh/dtab/dtab.hpp"
#include "libmesh/dtab/namers.hpp"

namespace mesh::dtab {

/// One lint finding; `offset` is a byte offset into the parsed text.
struct LintFinding {
    enum class Severity : unsigned char { Error, Warning, Info };
    Severity severity = Severity::Warning;
    std::size_t offset = 0;
    std::string check;  ///< short id: loop, never-applies, duplicate, unreachable, unknown-namer, weight
    std::string message;
    std::string hint;
};

/// The findings for `dtab`, sorted by offset.
std::vector<LintFinding> lint(const Dtab& dtab, const NamerConfig& namers = {});

/// "error", "warning" or "info".
const char* severity_name(LintFinding::Severity s);

}  // namespace mesh::dtab
