// `mesh dtab lint`: static checks of a dtab (loops, dead dentries, unreachable branches,
// unknown namers, weights).

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/every_error.hpp"
#include "cli/json_output.hpp"
#include "cli/output_format.hpp"
#include "commands/dtab/support.hpp"
#include "libmesh/core/text_position.hpp"
#include "libmesh/dtab/lint.hpp"

namespace mesh::commands {

namespace {

struct LintOptions {
    std::vector<std::string> files;  ///< none: stdin
    cli::OutputFormat output = cli::OutputFormat::Text;
};

// Where each finding is: line, column, the line shown (a window of a very long one) and the caret.
struct Placed {
    core::LineColumn at;
    std::string line;
    int caret = 0;  // 0-based column of the caret within `line`
};

// Findings come sorted by offset: walk the text once for their lines and columns.
std::vector<Placed> place(const std::string& text, const std::vector<dtab::LintFinding>& findings) {
    std::vector<Placed> out;
    core::LineColumn lc;
    std::size_t pos = 0, line_start = 0;
    for (const auto& f : findings) {
        for (; pos < f.offset && pos < text.size(); ++pos) {
            if (text[pos] == '\n') {
                ++lc.line;
                line_start = pos + 1;
            }
        }
        lc.column = static_cast<int>(std::min(f.offset, text.size()) - line_start) + 1;
        // Show at most a window of a very long line (a whole dtab on one line is common).
        std::size_t end = text.find('\n', line_start);
        if (end == std::string::npos) end = text.size();
        if (end > line_start && text[end - 1] == '\r') --end;
        std::size_t at = std::min(f.offset, end);
        std::size_t from = at - line_start > 80 ? at - 80 : line_start;
        std::size_t to = std::min(end, at + 80);
        std::string line = (from > line_start ? "..." : "") + text.substr(from, to - from) + (to < end ? "..." : "");
        out.push_back({lc, std::move(line), static_cast<int>(at - from) + (from > line_start ? 3 : 0)});
    }
    return out;
}

std::string text_findings(const std::string& name, const std::vector<dtab::LintFinding>& findings,
                          const std::vector<Placed>& placed) {
    std::string out;
    for (std::size_t k = 0; k < findings.size(); ++k) {
        const auto& f = findings[k];
        const auto& p = placed[k];
        out += name + ":" + std::to_string(p.at.line) + ":" + std::to_string(p.at.column) + ": " +
               dtab::severity_name(f.severity) + ": " + f.message + " [" + f.check + "]\n";
        out += "    " + p.line + "\n";
        out += "    " + std::string(static_cast<std::size_t>(p.caret), ' ') + "^\n";
        if (!f.hint.empty()) out += "  hint: " + f.hint + "\n";
    }
    return out;
}

cli::Outcome run_lint(const LintOptions& opts, cli::Io& io) {
    std::string text_out;
    nlohmann::ordered_json json_out = nlohmann::ordered_json::array();
    std::vector<core::Error> errors;
    std::size_t found = 0;
    for (const auto& file : opts.files.empty() ? std::vector<std::string>{"-"} : opts.files) {
        auto text = read_dtab_input(file, io);
        if (!text) {
            errors.push_back(text.error());
            continue;
        }
        std::string name = input_name(file);
        auto parsed = parse_dtab_input(*text, name);
        if (!parsed) {
            errors.push_back(parsed.error());
            continue;
        }
        auto findings = dtab::lint(parsed->dtab);
        auto placed = place(*text, findings);
        found += findings.size();
        text_out += text_findings(name, findings, placed);
        for (std::size_t k = 0; k < findings.size(); ++k) {
            const auto& f = findings[k];
            json_out.push_back({{"file", name},
                                {"line", placed[k].at.line},
                                {"column", placed[k].at.column},
                                {"severity", dtab::severity_name(f.severity)},
                                {"check", f.check},
                                {"message", f.message},
                                {"hint", f.hint}});
        }
    }
    // A file that cannot be read or parsed: every such error, and nothing on stdout.
    if (!errors.empty()) return tl::unexpected(cli::every_error(errors));
    io.out << (opts.output == cli::OutputFormat::Json ? cli::json_text(json_out) : text_out);
    return found == 0 ? cli::k_exit_ok : cli::k_exit_finding;
}

}  // namespace

void register_dtab_lint(CLI::App& dtab, cli::Context& ctx) {
    auto opts = std::make_shared<LintOptions>();
    CLI::App* cmd = cli::add_command(
        dtab, "lint", "Find loops, dead dentries and unreachable branches in a dtab",
        "Checks each FILE (or stdin) for: loops (a path that keeps rewriting through the same dentries, "
        "which Finagle only reports at depth 100); dentries that never apply because a later "
        "dentry matching the same paths never falls back (later dentries are tried first); exact "
        "duplicates; alternatives after `!` or `$` that can never be reached; unknown `/$/` "
        "namers; and weights that are not positive (or lose precision, since Finagle prints two "
        "decimals). Each finding has a severity, file:line:column, the line, and a hint. Exits 3 "
        "when there are findings, 0 when there are none; a file that cannot be parsed is an error "
        "(every such file is reported, exit 1, nothing on stdout).",
        "  mesh dtab lint routing.dtab\n"
        "  mesh dtab lint dtabs/*.dtab\n"
        "  mesh dtab lint -o json routing.dtab | jq '.[].message'\n");
    cmd->add_option("file", opts->files, "Dtab files, or - for stdin (default)");
    cli::add_output_flag(*cmd, opts->output, {{cli::OutputFormat::Text, cli::OutputFormat::Json}, {}},
                         "Output format: text or json");
    cli::set_run(*cmd, ctx, opts, run_lint);
}

}  // namespace mesh::commands
