// `mesh dtab fmt`: print a dtab one dentry a line with aligned arrows (comments kept), or in
// Finagle's compact form; rewrite in place or check.

// GCC 12 reports a null dereference inside CLI11's string splitting inlined into
// register_dtab_fmt (a false positive: the same option compiles cleanly in lint.cpp). Before
// every #include, as the report points into <string>.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "cli/command.hpp"
#include "cli/every_error.hpp"
#include "commands/dtab/support.hpp"
#include "libmesh/core/atomic_write.hpp"
#include "libmesh/dtab/formatter.hpp"

namespace mesh::commands {

namespace {

struct FmtOptions {
    std::vector<std::string> files;  ///< none: stdin
    bool compact = false;
    bool write = false;
    bool check = false;
};

struct Formatted {
    std::string file, text, formatted;
};

cli::Outcome run_fmt(const FmtOptions& opts, cli::Io& io) {
    if (opts.write && opts.files.empty()) return core::fail(core::ErrorCode::Usage, "-w needs files, not stdin");
    if (opts.write)
        for (const auto& file : opts.files)
            if (file.empty() || file == "-") return core::fail(core::ErrorCode::Usage, "-w needs files, not stdin");
    // Every file is read and parsed before anything is printed or rewritten.
    std::vector<Formatted> done;
    std::vector<core::Error> errors;
    for (const auto& file : opts.files.empty() ? std::vector<std::string>{"-"} : opts.files) {
        auto text = read_dtab_input(file, io);
        if (!text) {
            errors.push_back(text.error());
            continue;
        }
        auto parsed = parse_dtab_input(*text, input_name(file));
        if (!parsed) {
            errors.push_back(parsed.error());
            continue;
        }
        std::string formatted = opts.compact ? dtab::format_compact(parsed->dtab) : dtab::format_pretty(*parsed, *text);
        done.push_back({file, std::move(*text), std::move(formatted)});
    }
    if (!errors.empty()) return tl::unexpected(cli::every_error(errors));
    if (opts.check) {
        int result = cli::k_exit_ok;
        for (const auto& f : done) {
            if (f.formatted == f.text) continue;
            io.err << input_name(f.file) << ": not formatted\n";
            result = cli::k_exit_finding;
        }
        return result;
    }
    if (opts.write) {
        for (const auto& f : done) {
            if (f.formatted == f.text) continue;
            if (auto written = core::write_file_atomically(f.file, f.formatted); !written)
                return tl::unexpected(written.error());
        }
        return cli::k_exit_ok;
    }
    for (const auto& f : done) io.out << f.formatted;
    return cli::k_exit_ok;
}

}  // namespace

void register_dtab_fmt(CLI::App& dtab, cli::Context& ctx) {
    auto opts = std::make_shared<FmtOptions>();
    CLI::App* cmd =
        cli::add_command(dtab, "fmt", "Format a dtab: one dentry a line, arrows aligned, comments kept",
                         "Parses each FILE (or stdin) with Finagle's grammar and prints it one dentry a line with the "
                         "`=>` arrows aligned and a ` ;` after each dentry, as namerctl printed dtabs. Comments "
                         "stay where they were: comment lines above their dentry, trailing comments at the end of "
                         "its line; runs of blank lines become one. --compact prints Finagle's one-line `show` form "
                         "instead (`/a=>/b;/c=>/d`), which cannot hold comments. Weights print with two decimals, "
                         "as Finagle prints them. A parse error prints Finagle's message with file:line:column and "
                         "exits 1 (every file is parsed first: nothing is printed or rewritten when one fails). "
                         "With --check, names each file that is not formatted and exits 3; -w rewrites each file in "
                         "place atomically.",
                         "  mesh dtab fmt routing.dtab\n"
                         "  mesh dtab fmt -w dtabs/*.dtab\n"
                         "  mesh dtab fmt --check routing.dtab || echo 'run mesh dtab fmt -w'\n"
                         "  kubectl get cm l5d-config -o jsonpath='{.data.dtab}' | mesh dtab fmt --compact\n");
    cmd->add_option("file", opts->files, "Dtab files, or - for stdin (default)");
    cmd->add_flag("--compact", opts->compact, "Print Finagle's one-line form (drops comments)");
    auto* write = cmd->add_flag("-w,--write", opts->write, "Rewrite each FILE in place (atomically)");
    cmd->add_flag("--check", opts->check,
                  "Exit 3 if a FILE is not formatted (named on stderr); print nothing to stdout")
        ->excludes(write);
    cli::set_run(*cmd, ctx, opts, run_fmt);
}

}  // namespace mesh::commands
