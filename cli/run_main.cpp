#include "cli/run_main.hpp"

#include <exception>

#include "cli/exit_code.hpp"
#include "cli/personalities.hpp"
#include "cli/terminal.hpp"
#include "cli/version_info.hpp"

namespace mesh::cli {

static std::string base_name(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

static void build_app(CLI::App& app, Context& ctx, const CommandSet& commands) {
    app.require_subcommand(1);
    app.fallthrough(false);
    app.set_version_flag("--version", version_line(), "Print the version and exit");
    app.footer("\nExit codes: 0 ok, 1 failed, 2 usage, 3 findings (changes under --diff, lint "
               "findings, failing checks), 130 interrupted.\nRun 'mesh <command> --help' for a "
               "command's flags and examples.");
    commands.register_commands(app, ctx);
    // Last, so it reaches every command registered above.
    add_no_color_everywhere(app, ctx);
}

// After parsing: run the chosen command, print its error once, map the outcome to the exit code.
static int run_chosen(Context& ctx) {
    if (!ctx.chosen) return k_exit_ok;  // --help and --version were answered during parsing
    try {
        Outcome outcome = ctx.chosen(ctx.io);
        return outcome ? *outcome : report_failure(ctx.io, outcome.error());
    } catch (const std::exception& e) {
        ctx.io.err << "mesh: error: internal: " << e.what() << '\n';
        return k_exit_failed;
    }
}

int run_main(const std::vector<std::string>& args, Io& io, const CommandSet& commands) {
    Context ctx{io};
    ctx.program_name = args.empty() ? "mesh" : base_name(args[0]);
    if (auto personality = find_personality(commands, ctx.program_name)) {
        Personality run = personality;
        ctx.chosen = [&run, &args, &ctx](Io&) { return run(args, ctx); };
        return run_chosen(ctx);
    }

    CLI::App app{"mesh: inject Linkerd into Kubernetes manifests, work with dtabs and namerd, "
                 "and diagnose live proxies.",
                 "mesh"};
    build_app(app, ctx, commands);
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    if (!reversed.empty()) reversed.pop_back();  // the program name
    try {
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e, io.out, io.err);
        return code == 0 ? k_exit_ok : k_exit_usage;
    } catch (const std::exception& e) {
        io.err << "mesh: error: internal: " << e.what() << '\n';
        return k_exit_failed;
    }
    return run_chosen(ctx);
}

}  // namespace mesh::cli
