#pragma once
// `mesh check` results in `linkerd check`'s shape: categories of checks, each passed, warned or failed.

#include <string>
#include <vector>

namespace mesh::health {

/// Outcome of one check.
enum class CheckResult { Success, Warning, Error };

/// "success", "warning" or "error", as `linkerd check -o json` writes it.
const char* check_result_name(CheckResult result);

/// One check: what it verifies and, unless it passed, why and what to do.
struct CheckItem {
    std::string description;
    CheckResult result = CheckResult::Success;
    std::string error;  ///< may span several lines (one a proxy)
    std::string hint;
};

/// A named group of checks.
struct CheckCategory {
    std::string name;
    std::vector<CheckItem> checks;
};

/// Every category, in the order run.
struct CheckReport {
    std::vector<CheckCategory> categories;

    /// False when any check failed, or (with `fail_on_warning`) warned.
    bool success(bool fail_on_warning) const;
};

}  // namespace mesh::health
