#include "commands/command.hpp"

#include <map>

#include "commands/error_printer.hpp"

namespace mesh::commands {

int report_error(Context& ctx, const core::Error& error) {
    print_error(ctx.io.err, error);
    return exit_code_for(error);
}

// CLI11 has no field for a long description; keep it beside the tree, keyed by the App.
static std::map<const CLI::App*, std::string>& long_descriptions() {
    static std::map<const CLI::App*, std::string> descriptions;
    return descriptions;
}

CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& summary,
                      const std::string& description, const std::string& examples) {
    CLI::App* sub = parent.add_subcommand(name, summary);
    long_descriptions()[sub] = description;
    if (!examples.empty()) sub->footer("\nExamples:\n" + examples);
    return sub;
}

std::string command_long_description(const CLI::App& command) {
    auto it = long_descriptions().find(&command);
    return it == long_descriptions().end() ? std::string() : it->second;
}

}  // namespace mesh::commands
