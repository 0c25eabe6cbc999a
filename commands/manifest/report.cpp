#include "commands/manifest/report.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/json_output.hpp"

namespace mesh::commands {

using inject::ObjectStatus;

const char* status_name(ObjectStatus status) {
    switch (status) {
    case ObjectStatus::Injected: return "injected";
    case ObjectStatus::Unchanged: return "unchanged";
    case ObjectStatus::Skipped: return "skipped";
    case ObjectStatus::Refused: return "refused";
    case ObjectStatus::Uninjected: return "uninjected";
    case ObjectStatus::NotRouted: return "not routed";
    }
    return "?";
}

static std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

static std::string object_label(const inject::ObjectReport& o) {
    if (o.kind.empty()) return "document";
    return o.name.empty() ? lower(o.kind) : fmt::format("{} \"{}\"", lower(o.kind), o.name);
}

void write_text_report(std::ostream& err, const std::vector<inject::ObjectReport>& objects, bool colour) {
    auto paint = [&](ObjectStatus s, const std::string& text) {
        if (!colour) return text;
        const char* code = s == ObjectStatus::Refused ? "31" : s == ObjectStatus::Injected || s == ObjectStatus::Uninjected ? "32" : "33";
        return fmt::format("\033[{}m{}\033[0m", code, text);
    };
    for (const auto& o : objects) {
        err << fmt::format("{}:{}: {} {}", o.file, o.line, object_label(o), paint(o.status, status_name(o.status)));
        if (!o.reason.empty()) err << " (" << o.reason << ')';
        err << '\n';
        for (const auto& w : o.warnings)
            err << fmt::format("{}:{}: {}: {}: {}\n", o.file, o.line, colour ? "\033[33mwarning\033[0m" : "warning",
                               object_label(o), w);
    }
    auto not_routed = std::count_if(objects.begin(), objects.end(),
                                    [](const auto& o) { return o.status == ObjectStatus::NotRouted; });
    if (not_routed > 0)
        err << fmt::format("{}: {} workload{} injected but not routed through Linkerd (reasons above)\n",
                           colour ? "\033[33mwarning\033[0m" : "warning", not_routed, not_routed == 1 ? "" : "s");
}

void write_json_report(std::ostream& err, const std::vector<inject::ObjectReport>& objects) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& o : objects) {
        nlohmann::ordered_json j;
        j["file"] = o.file;
        j["line"] = o.line;
        j["kind"] = o.kind.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(o.kind);
        j["name"] = o.name.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(o.name);
        j["namespace"] = o.namespace_.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(o.namespace_);
        j["status"] = status_name(o.status);
        j["reason"] = o.reason.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(o.reason);
        j["warnings"] = o.warnings;
        list.push_back(std::move(j));
    }
    nlohmann::ordered_json doc;
    doc["objects"] = list;
    err << cli::json_text(doc);
}

}  // namespace mesh::commands
