#include "commands/manifest/report.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>
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

namespace {

// The statuses an operation reports, in the closing line's order.
std::vector<ObjectStatus> summary_statuses(inject::Operation operation) {
    if (operation == inject::Operation::Uninject)
        return {ObjectStatus::Uninjected, ObjectStatus::Unchanged, ObjectStatus::Skipped};
    return {ObjectStatus::Injected, ObjectStatus::Unchanged, ObjectStatus::NotRouted, ObjectStatus::Skipped,
            ObjectStatus::Refused};
}

std::size_t count_status(const RunReport& report, ObjectStatus status) {
    return static_cast<std::size_t>(std::count_if(report.objects.begin(), report.objects.end(),
                                                  [status](const auto& o) { return o.status == status; }));
}

std::string written_text(const RunReport& report) {
    if (!report.errors.empty())
        return fmt::format("{} input{} failed, nothing written", report.errors.size(),
                           report.errors.size() == 1 ? "" : "s");
    if (report.written_to.empty()) return "nothing written";
    if (report.written_to == "in place")
        return fmt::format("{} file{} written in place", report.files_written, report.files_written == 1 ? "" : "s");
    return "written to " + report.written_to;
}

}  // namespace

std::string summary_line(const RunReport& report) {
    std::vector<std::string> counts;
    for (auto status : summary_statuses(report.operation))
        counts.push_back(fmt::format("{} {}", count_status(report, status), status_name(status)));
    return fmt::format("{}: {}; {}", report.operation == inject::Operation::Inject ? "inject" : "uninject",
                       fmt::join(counts, ", "), written_text(report));
}

void write_text_report(std::ostream& err, const RunReport& report, bool colour) {
    auto paint = [&](ObjectStatus s, const std::string& text) {
        if (!colour) return text;
        const char* code = s == ObjectStatus::Refused                                     ? "31"
                           : s == ObjectStatus::Injected || s == ObjectStatus::Uninjected ? "32"
                                                                                          : "33";
        return fmt::format("\033[{}m{}\033[0m", code, text);
    };
    for (const auto& o : report.objects) {
        err << fmt::format("{}:{}: {} {}", o.file, o.line, object_label(o), paint(o.status, status_name(o.status)));
        if (!o.reason.empty()) err << " (" << o.reason << ')';
        err << '\n';
        for (const auto& w : o.warnings)
            err << fmt::format("{}:{}: {}: {}: {}\n", o.file, o.line, colour ? "\033[33mwarning\033[0m" : "warning",
                               object_label(o), w);
    }
    auto not_routed = count_status(report, ObjectStatus::NotRouted);
    if (not_routed > 0)
        err << fmt::format("{}: {} workload{} injected but not routed through Linkerd (reasons above)\n",
                           colour ? "\033[33mwarning\033[0m" : "warning", not_routed, not_routed == 1 ? "" : "s");
    err << summary_line(report) << '\n';
}

void write_json_report(std::ostream& err, const RunReport& report) {
    auto or_null = [](const std::string& s) {
        return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s);
    };
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& o : report.objects) {
        nlohmann::ordered_json j;
        j["file"] = o.file;
        j["line"] = o.line;
        j["kind"] = or_null(o.kind);
        j["name"] = or_null(o.name);
        j["namespace"] = or_null(o.namespace_);
        j["status"] = status_name(o.status);
        j["reason"] = or_null(o.reason);
        j["warnings"] = o.warnings;
        list.push_back(std::move(j));
    }
    nlohmann::ordered_json errors = nlohmann::ordered_json::array();
    for (const auto& e : report.errors) {
        nlohmann::ordered_json j;
        j["file"] = or_null(e.location.file);
        j["line"] = e.location.line > 0 ? nlohmann::ordered_json(e.location.line) : nlohmann::ordered_json();
        j["column"] = e.location.column > 0 ? nlohmann::ordered_json(e.location.column) : nlohmann::ordered_json();
        j["message"] = e.message;
        errors.push_back(std::move(j));
    }
    nlohmann::ordered_json summary;
    for (auto status : summary_statuses(report.operation)) summary[status_name(status)] = count_status(report, status);
    summary["errors"] = report.errors.size();
    summary["files_written"] = report.errors.empty() ? report.files_written : 0;
    nlohmann::ordered_json doc;
    doc["objects"] = list;
    doc["errors"] = errors;
    doc["summary"] = summary;
    err << cli::json_text(doc);
}

}  // namespace mesh::commands
