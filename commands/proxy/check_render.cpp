#include "commands/proxy/check_render.hpp"

#include <fmt/format.h>

#include "libmesh/health/grouped_lines.hpp"

namespace mesh::commands {

nlohmann::ordered_json check_json(const health::CheckReport& report, bool fail_on_warning) {
    nlohmann::ordered_json categories = nlohmann::ordered_json::array();
    for (const auto& c : report.categories) {
        nlohmann::ordered_json checks = nlohmann::ordered_json::array();
        for (const auto& item : c.checks) {
            nlohmann::ordered_json j;
            j["description"] = item.description;
            j["hint"] = item.hint;
            j["error"] = item.error;
            j["result"] = health::check_result_name(item.result);
            checks.push_back(std::move(j));
        }
        categories.push_back({{"categoryName", c.name}, {"checks", std::move(checks)}});
    }
    nlohmann::ordered_json j;
    j["success"] = report.success(fail_on_warning);
    j["categories"] = std::move(categories);
    return j;
}

static std::string mark(health::CheckResult r, bool colour) {
    switch (r) {
    case health::CheckResult::Success: return colour ? "\x1b[32m\u221a\x1b[0m" : "[ok]";
    case health::CheckResult::Warning: return colour ? "\x1b[33m\u203c\x1b[0m" : "[warn]";
    case health::CheckResult::Error: return colour ? "\x1b[31m\u00d7\x1b[0m" : "[FAIL]";
    }
    return "?";
}

std::string check_text(const health::CheckReport& report, bool fail_on_warning, bool colour, bool short_output) {
    std::string out;
    for (const auto& c : report.categories) {
        std::string body;
        for (const auto& item : c.checks) {
            if (short_output && item.result == health::CheckResult::Success) continue;
            body += fmt::format("{} {}\n", mark(item.result, colour), item.description);
            if (item.result == health::CheckResult::Success) continue;
            // 50 proxies down for one reason read as one line; -o json keeps every name.
            for (const auto& line : health::grouped_error_lines(item.error)) body += "    " + line + "\n";
            if (!item.hint.empty()) body += "    hint: " + item.hint + "\n";
        }
        if (body.empty()) continue;
        out += c.name + "\n" + std::string(c.name.size(), '-') + "\n" + body + "\n";
    }
    bool ok = report.success(fail_on_warning);
    std::string verdict =
        colour ? mark(ok ? health::CheckResult::Success : health::CheckResult::Error, true) : (ok ? "ok" : "failed");
    out += fmt::format("Status check results are {}\n", verdict);
    return out;
}

}  // namespace mesh::commands
