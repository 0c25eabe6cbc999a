// `mesh dtab lint`: static checks of a dtab (loops, dead dentries, unreachable branches,
// unknown namers, weights).

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/json_output.hpp"
#include "cli/output_format.hpp"
#include "commands/dtab/support.hpp"
#include "libmesh/core/text_position.hpp"
#include "libmesh/dtab/lint.hpp"

namespace mesh::commands {

namespace {

struct LintOptions {
    std::string file = "-";
    cli::OutputFormat output = cli::OutputFormat::Text;
};

cli::Outcome run_lint(const LintOptions& opts, cli::Io& io) {
    auto text = read_dtab_input(opts.file, io);
    if (!text) return tl::unexpected(text.error());
    std::string name = input_name(opts.file);
    auto parsed = parse_dtab_input(*text, name);
    if (!parsed) return tl::unexpected(parsed.error());
    auto findings = dtab::lint(parsed->dtab);
    // Findings come sorted by offset: walk the text once for their lines and columns.
    std::vector<core::LineColumn> positions;
    std::vector<std::string> lines;
    std::vector<int> carets;  // 0-based caret column within the shown line
    {
        core::LineColumn lc;
        std::size_t pos = 0, line_start = 0;
        for (const auto& f : findings) {
            for (; pos < f.offset && pos < text->size(); ++pos) {
                if ((*text)[pos] == '\n') {
                    ++lc.line;
                    line_start = pos + 1;
                }
            }
            lc.column = static_cast<int>(std::min(f.offset, text->size()) - line_start) + 1;
            positions.push_back(lc);
            // Show at most a window of a very long line (a whole dtab on one line is common).
            std::size_t end = text->find('\n', line_start);
            if (end == std::string::npos) end = text->size();
            if (end > line_start && (*text)[end - 1] == '\r') --end;
            std::size_t at = std::min(f.offset, end);
            std::size_t from = at - line_start > 80 ? at - 80 : line_start;
            std::size_t to = std::min(end, at + 80);
            std::string line = (from > line_start ? "..." : "") + text->substr(from, to - from) + (to < end ? "..." : "");
            carets.push_back(static_cast<int>(at - from) + (from > line_start ? 3 : 0));
            lines.push_back(std::move(line));
        }
    }
    std::string out;
    if (opts.output == cli::OutputFormat::Json) {
        nlohmann::ordered_json arr = nlohmann::ordered_json::array();
        for (std::size_t k = 0; k < findings.size(); ++k) {
            const auto& f = findings[k];
            const auto& lc = positions[k];
            arr.push_back({{"file", name}, {"line", lc.line}, {"column", lc.column},
                           {"severity", dtab::severity_name(f.severity)}, {"check", f.check},
                           {"message", f.message}, {"hint", f.hint}});
        }
        out = cli::json_text(arr);
    } else {
        for (std::size_t k = 0; k < findings.size(); ++k) {
            const auto& f = findings[k];
            const auto& lc = positions[k];
            out += name + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " +
                   dtab::severity_name(f.severity) + ": " + f.message + " [" + f.check + "]\n";
            out += "    " + lines[k] + "\n";
            out += "    " + std::string(static_cast<std::size_t>(carets[k]), ' ') + "^\n";
            if (!f.hint.empty()) out += "  hint: " + f.hint + "\n";
        }
    }
    io.out << out;
    return findings.empty() ? cli::k_exit_ok : cli::k_exit_finding;
}

}  // namespace

void register_dtab_lint(CLI::App& dtab, cli::Context& ctx) {
    auto opts = std::make_shared<LintOptions>();
    CLI::App* cmd = cli::add_command(
        dtab, "lint", "Find loops, dead dentries and unreachable branches in a dtab",
        "Checks FILE (or stdin) for: loops (a path that keeps rewriting through the same dentries, "
        "which Finagle only reports at depth 100); dentries that never apply because a later "
        "dentry matching the same paths never falls back (later dentries are tried first); exact "
        "duplicates; alternatives after `!` or `$` that can never be reached; unknown `/$/` "
        "namers; and weights that are not positive (or lose precision, since Finagle prints two "
        "decimals). Each finding has a severity, file:line:column, the line, and a hint. Exits 3 "
        "when there are findings, 0 when there are none.",
        "  mesh dtab lint routing.dtab\n"
        "  mesh dtab lint -o json routing.dtab | jq '.[].message'\n");
    cmd->add_option("file", opts->file, "Dtab file, or - for stdin (default)");
    cli::add_output_flag(*cmd, opts->output, {{cli::OutputFormat::Text, cli::OutputFormat::Json}, {}},
                         "Output format: text or json");
    cli::set_run(*cmd, ctx, opts, run_lint);
}

}  // namespace mesh::commands
