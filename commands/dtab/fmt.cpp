// `mesh dtab fmt`: print a dtab one dentry a line with aligned arrows (comments kept), or in
// Finagle's compact form; rewrite in place or check.

#include "cli/command.hpp"
#include "commands/dtab/support.hpp"
#include "libmesh/core/atomic_write.hpp"
#include "libmesh/dtab/formatter.hpp"

namespace mesh::commands {

namespace {

struct FmtOptions {
    std::string file = "-";
    bool compact = false;
    bool write = false;
    bool check = false;
};

cli::Outcome run_fmt(const FmtOptions& opts, cli::Io& io) {
    if (opts.write && (opts.file.empty() || opts.file == "-"))
        return core::fail(core::ErrorCode::Usage, "-w needs a FILE, not stdin");
    auto text = read_dtab_input(opts.file, io);
    if (!text) return tl::unexpected(text.error());
    auto parsed = parse_dtab_input(*text, input_name(opts.file));
    if (!parsed) return tl::unexpected(parsed.error());
    std::string formatted =
        opts.compact ? dtab::format_compact(parsed->dtab) : dtab::format_pretty(*parsed, *text);
    if (opts.check) {
        if (formatted == *text) return cli::k_exit_ok;
        io.err << input_name(opts.file) << ": not formatted\n";
        return cli::k_exit_finding;
    }
    if (opts.write) {
        if (formatted == *text) return cli::k_exit_ok;
        auto written = core::write_file_atomically(opts.file, formatted);
        if (!written) return tl::unexpected(written.error());
        return cli::k_exit_ok;
    }
    io.out << formatted;
    return cli::k_exit_ok;
}

}  // namespace

void register_dtab_fmt(CLI::App& dtab, cli::Context& ctx) {
    auto opts = std::make_shared<FmtOptions>();
    CLI::App* cmd = cli::add_command(
        dtab, "fmt", "Format a dtab: one dentry a line, arrows aligned, comments kept",
        "Parses FILE (or stdin) with Finagle's grammar and prints it one dentry a line with the "
        "`=>` arrows aligned and a ` ;` after each dentry, as namerctl printed dtabs. Comments "
        "stay where they were: comment lines above their dentry, trailing comments at the end of "
        "its line; runs of blank lines become one. --compact prints Finagle's one-line `show` form "
        "instead (`/a=>/b;/c=>/d`), which cannot hold comments. Weights print with two decimals, "
        "as Finagle prints them. A parse error prints Finagle's message with file:line:column and "
        "exits 1. With --check, exits 3 when the file is not formatted; -w rewrites the file in "
        "place atomically.",
        "  mesh dtab fmt routing.dtab\n"
        "  mesh dtab fmt -w routing.dtab\n"
        "  mesh dtab fmt --check routing.dtab || echo 'run mesh dtab fmt -w'\n"
        "  kubectl get cm l5d-config -o jsonpath='{.data.dtab}' | mesh dtab fmt --compact\n");
    cmd->add_option("file", opts->file, "Dtab file, or - for stdin (default)");
    cmd->add_flag("--compact", opts->compact, "Print Finagle's one-line form (drops comments)");
    auto* write = cmd->add_flag("-w,--write", opts->write, "Rewrite FILE in place (atomically)");
    cmd->add_flag("--check", opts->check, "Exit 3 if FILE is not formatted; print nothing to stdout")
        ->excludes(write);
    cli::set_run(*cmd, ctx, opts, run_fmt);
}

}  // namespace mesh::commands
