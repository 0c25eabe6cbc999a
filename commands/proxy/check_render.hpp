#pragma once
// Rendering check results as `linkerd check` does: categories, marks, hints, a verdict line, or JSON.

#include <string>

#include <nlohmann/json.hpp>

#include "libmesh/health/check_report.hpp"

namespace mesh::commands {

/// `{"success":bool,"categories":[{"categoryName":..,"checks":[{"description","hint","error","result"}]}]}`.
nlohmann::ordered_json check_json(const health::CheckReport& report, bool fail_on_warning);

/// Categories underlined with '-', a mark a check (√ ‼ × with colour; [ok] [warn] [FAIL] without),
/// indented error and hint lines, and `Status check results are ...`.
std::string check_text(const health::CheckReport& report, bool fail_on_warning, bool colour, bool short_output);

}  // namespace mesh::commands
