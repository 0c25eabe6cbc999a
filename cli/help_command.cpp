// `mesh help [COMMAND...]`: the same text as `mesh COMMAND... --help`, as git and kubectl offer.

#include "cli/builtin_commands.hpp"
#include "cli/exit_code.hpp"
#include "cli/parse_errors.hpp"

namespace mesh::cli {

namespace {

std::string full_name(const CLI::App& command) {
    std::string path = command.get_name();
    for (const CLI::App* a = command.get_parent(); a != nullptr; a = a->get_parent()) path = a->get_name() + " " + path;
    return path;
}

std::vector<std::string> visible_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); }))
        names.push_back(sub->get_name());
    return names;
}

int print_help(const CLI::App& root, const std::vector<std::string>& names, Io& io) {
    const CLI::App* target = &root;
    for (const auto& name : names) {
        const CLI::App* next = nullptr;
        for (const CLI::App* sub : target->get_subcommands([](const CLI::App*) { return true; }))
            if (sub->check_name(name)) next = sub;
        if (next == nullptr) {
            auto near = nearest_names(name, visible_names(*target));
            io.err << "mesh: error: unknown command `" << name << "` for `" << full_name(*target) << '`'
                   << (near.empty() ? "" : "; did you mean `" + near.front() + "`?") << "\nRun '" << full_name(*target)
                   << " --help' for usage.\n";
            return k_exit_usage;
        }
        target = next;
    }
    io.out << target->get_formatter()->make_help(target, full_name(*target), CLI::AppFormatMode::Normal);
    return k_exit_ok;
}

}  // namespace

void register_help(CLI::App& app, Context& ctx) {
    CLI::App* cmd = add_command(app, "help", "Show the help of mesh or of one of its commands",
                                "Prints what `mesh COMMAND --help` prints: the command's description, "
                                "usage, flags and examples. Without a command, mesh's own help.",
                                "  mesh help\n  mesh help dtab lint\n");
    auto names = std::make_shared<std::vector<std::string>>();
    cmd->add_option("command", *names, "The command (and subcommands) to explain");
    set_run(*cmd, ctx, [&app, names](Io& io) -> Outcome { return print_help(app, *names, io); });
}

}  // namespace mesh::cli
