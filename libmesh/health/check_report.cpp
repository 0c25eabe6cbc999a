#include "libmesh/health/check_report.hpp"

namespace mesh::health {

const char* check_result_name(CheckResult result) {
    switch (result) {
    case CheckResult::Success: return "success";
    case CheckResult::Warning: return "warning";
    case CheckResult::Error: return "error";
    }
    return "error";
}

bool CheckReport::success(bool fail_on_warning) const {
    for (const auto& c : categories)
        for (const auto& item : c.checks) {
            if (item.result == CheckResult::Error) return false;
            if (fail_on_warning && item.result == CheckResult::Warning) return false;
        }
    return true;
}

}  // namespace mesh::health
