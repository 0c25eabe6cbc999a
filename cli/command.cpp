#include "cli/command.hpp"

#include <map>

#include "cli/error_printer.hpp"

namespace mesh::cli {

void set_run(CLI::App& command, Context& ctx, ChosenCommand run) {
    command.callback([&ctx, run = std::move(run)] { ctx.chosen = run; });
}

int report_failure(Io& io, const CommandError& failure) {
    print_error(io.err, failure.error);
    io.err << failure.note;
    return exit_code_for(failure.error);
}

// CLI11 has no field for a long description; keep it beside the tree, keyed by the App.
static std::map<const CLI::App*, std::string>& long_descriptions() {
    static std::map<const CLI::App*, std::string> descriptions;
    return descriptions;
}

// The footer holds the examples already formatted for --help; man pages want them bare.
static std::map<const CLI::App*, std::string>& examples_by_command() {
    static std::map<const CLI::App*, std::string> examples;
    return examples;
}

static void remember(const CLI::App& command, const std::string& description, const std::string& examples) {
    long_descriptions()[&command] = description;
    examples_by_command()[&command] = examples;
}

CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& summary,
                      const std::string& description, const std::string& examples) {
    CLI::App* sub = parent.add_subcommand(name, summary);
    remember(*sub, description, examples);
    // Replaces the footer CLI11 copied from the parent (the program's exit codes).
    if (!examples.empty()) sub->footer("\nExamples:\n" + examples);
    return sub;
}

void describe_command(CLI::App& command, const std::string& description, const std::string& examples) {
    remember(command, description, examples);
    // Append, so a footer set before (the root's exit codes) stays.
    if (!examples.empty()) command.footer(command.get_footer() + "\n\nExamples:\n" + examples);
}

std::string command_examples(const CLI::App& command) {
    auto it = examples_by_command().find(&command);
    return it == examples_by_command().end() ? std::string() : it->second;
}

std::string command_long_description(const CLI::App& command) {
    auto it = long_descriptions().find(&command);
    return it == long_descriptions().end() ? std::string() : it->second;
}

void register_every_command(const CommandSet& commands, CLI::App& app, Context& ctx) {
    for (const auto& command : commands.commands) command.add(app, ctx);
}

bool register_one_command(const CommandSet& commands, const std::string& name, CLI::App& app, Context& ctx) {
    for (const auto& command : commands.commands) {
        if (command.name.empty() || command.name != name) continue;
        command.add(app, ctx);
        return true;
    }
    return false;
}

}  // namespace mesh::cli
