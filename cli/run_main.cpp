#include "cli/run_main.hpp"

#include <exception>

#include "cli/builtin_commands.hpp"
#include "cli/exit_code.hpp"
#include "cli/help_format.hpp"
#include "cli/parse_errors.hpp"
#include "cli/personalities.hpp"
#include "cli/terminal.hpp"
#include "cli/version_info.hpp"

namespace mesh::cli {

static std::string base_name(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Building every command's flags is most of what starting mesh costs (completion scripts and
// pipelines start it often), so when the first argument names a command, only that command is
// built; help, completion, typos and flags before the command get the whole tree.
static void build_app(CLI::App& app, Context& ctx, const CommandSet& commands, const std::vector<std::string>& args) {
    // First, so every command made below inherits it.
    app.formatter(std::make_shared<HelpFormatter>(help_width(ctx.io)));
    app.require_subcommand(1);
    app.fallthrough(false);
    app.set_version_flag("--version", version_line(), "Print the version and exit");
    app.footer("\nExit codes: 0 ok, 1 failed, 2 usage, 3 findings (changes under --diff, lint "
               "findings, failing checks), 130 interrupted.\nRun 'mesh <command> --help' for a "
               "command's flags and examples.");
    if (args.size() < 2 || !register_one_command(commands, args[1], app, ctx)) {
        register_every_command(commands, app, ctx);
        register_help(app, ctx);
    }
    // Last, so it reaches every command registered above.
    add_no_color_everywhere(app, ctx);
}

// CLI11 reads `--name=` as `--name` without a value and then takes the next argument as its
// value; split it into `--name` and an explicit empty argument, so `--dtab=` means an empty text.
static std::vector<std::string> with_explicit_empty_values(const std::vector<std::string>& args) {
    std::vector<std::string> out;
    bool options_end = false;
    for (const auto& arg : args) {
        options_end = options_end || arg == "--";
        bool empty_value = !options_end && arg.size() > 3 && arg.rfind("--", 0) == 0 && arg.back() == '=' &&
                           arg.find('=') == arg.size() - 1;
        if (!empty_value) {
            out.push_back(arg);
            continue;
        }
        out.push_back(arg.substr(0, arg.size() - 1));
        out.emplace_back();
    }
    return out;
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

int run_main(const std::vector<std::string>& raw_args, Io& io, const CommandSet& commands) {
    std::vector<std::string> args = with_explicit_empty_values(raw_args);
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
    // Under the kubectl plugin, usage lines read as the user typed them.
    if (ctx.program_name == "kubectl-mesh") app.name("kubectl mesh");
    build_app(app, ctx, commands, args);
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    if (!reversed.empty()) reversed.pop_back();  // the program name
    try {
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {
            app.exit(e, io.out, io.err);  // --help, --version
            return k_exit_ok;
        }
        std::vector<std::string> given(args.empty() ? args.end() : args.begin() + 1, args.end());
        io.err << describe_parse_error(app, e, given, app.get_name());
        return k_exit_usage;
    } catch (const std::exception& e) {
        io.err << "mesh: error: internal: " << e.what() << '\n';
        return k_exit_failed;
    }
    return run_chosen(ctx);
}

}  // namespace mesh::cli
