// `mesh dtab diff`: dentries added, removed and moved between two dtabs (files, or a namerd
// namespace and a file).

#include "libmesh/dtab/diff.hpp"

#include <filesystem>

#include "cli/command.hpp"
#include "commands/dtab/namerd_support.hpp"
#include "commands/dtab/support.hpp"
#include "libmesh/namerd/upload.hpp"

namespace mesh::commands {

namespace {

struct DiffOptions {
    std::string a;
    std::string b;
    NamerdOptions namerd;
};

// A is a namerd namespace with --namerd, and, as for the other dtab commands, when NAMERD_URL or
// NAMERCTL_BASE_URL names namerd, unless A is stdin or an existing file.
bool a_is_namespace(const DiffOptions& opts, cli::Io& io) {
    if (!opts.namerd.url.empty()) return true;
    if (!io.getenv("NAMERD_URL").value_or("").empty() || !io.getenv("NAMERCTL_BASE_URL").value_or("").empty()) {
        std::error_code ec;
        return opts.a != "-" && !std::filesystem::exists(opts.a, ec);
    }
    return false;
}

cli::Outcome run_diff(const DiffOptions& opts, cli::Io& io) {
    dtab::Dtab before;
    std::string before_name;
    if (a_is_namespace(opts, io)) {
        auto client = make_namerd_client(opts.namerd, io);
        if (!client) return tl::unexpected(client.error());
        auto got = client->get(opts.a);
        if (!got) return tl::unexpected(got.error());
        before = std::move(got->dtab);
        before_name = "namerd:" + opts.a + (got->version.empty() ? "" : " (version " + got->version + ")");
    } else {
        if (opts.a == "-" && opts.b == "-")
            return core::fail(core::ErrorCode::Usage, "only one of A and B can be stdin");
        auto text = read_dtab_input(opts.a, io);
        if (!text) return tl::unexpected(text.error());
        auto parsed = namerd::parse_upload(*text, input_name(opts.a), k_max_dtab_input);
        if (!parsed) return tl::unexpected(parsed.error());
        before = std::move(parsed->dtab);
        before_name = input_name(opts.a);
    }
    auto text = read_dtab_input(opts.b, io);
    if (!text) return tl::unexpected(text.error());
    auto after = namerd::parse_upload(*text, input_name(opts.b), k_max_dtab_input);
    if (!after) return tl::unexpected(after.error());

    auto changes = dtab::diff(before, after->dtab);
    if (changes.empty()) return cli::k_exit_ok;
    std::string out = "--- " + before_name + "\n+++ " + input_name(opts.b) + "\n";
    for (const auto& c : changes) {
        switch (c.kind) {
        case dtab::DtabChange::Kind::Removed:
            out += "- " + c.dentry + "    (was entry " + std::to_string(c.old_index + 1) + ")\n";
            break;
        case dtab::DtabChange::Kind::Added:
            out += "+ " + c.dentry + "    (entry " + std::to_string(c.new_index + 1) + ")\n";
            break;
        case dtab::DtabChange::Kind::Moved:
            out += "~ " + c.dentry + "    (moved: entry " + std::to_string(c.old_index + 1) + " -> " +
                   std::to_string(c.new_index + 1) + "; later entries are tried first)\n";
            break;
        }
    }
    io.out << out;
    return cli::k_exit_finding;
}

}  // namespace

void register_dtab_diff(CLI::App& dtab, cli::Context& ctx) {
    auto opts = std::make_shared<DiffOptions>();
    CLI::App* cmd =
        cli::add_command(dtab, "diff", "Show dentries added, removed and moved between two dtabs",
                         "Compares dtab A with dtab B dentry by dentry (Finagle's printed form, so spacing, "
                         "comments and `;` placement do not count). Order matters in a dtab (later dentries are "
                         "tried first), so a dentry at another place is reported as moved. With --namerd URL, A "
                         "is a namerd namespace and B a file: what `mesh dtab update A B` would change; with "
                         "$NAMERD_URL (or $NAMERCTL_BASE_URL) set, A is a namespace there unless it is an "
                         "existing file. Exits 3 "
                         "when the dtabs differ, 0 when they are the same.",
                         "  mesh dtab diff old.dtab new.dtab\n"
                         "  mesh dtab diff default new.dtab --namerd http://namerd:4180\n");
    cmd->add_option("a", opts->a, "First dtab file (or namerd namespace); - for stdin")->required();
    cmd->add_option("b", opts->b, "Second dtab file; - for stdin")->required();
    cmd->add_option("--namerd", opts->namerd.url, "namerd base URL: A is a namespace there");
    add_namerd_transport_flags(*cmd, opts->namerd);
    cli::set_run(*cmd, ctx, opts, run_diff);
}

}  // namespace mesh::commands
