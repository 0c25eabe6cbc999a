#include "cli/output_format.hpp"

#include <algorithm>

namespace mesh::cli {

std::string output_format_name(OutputFormat format) {
    switch (format) {
    case OutputFormat::Text: return "text";
    case OutputFormat::Json: return "json";
    case OutputFormat::Wide: return "wide";
    case OutputFormat::Short: return "short";
    case OutputFormat::Compact: return "compact";
    }
    return "text";
}

CLI::Option* add_output_flag(CLI::App& command, OutputFormat& format, const OutputFlag& flag, const std::string& help) {
    std::vector<std::string> names;
    for (OutputFormat f : flag.accepted) names.push_back(output_format_name(f));
    auto accepted = flag.accepted;
    CLI::Option* option = command.add_option_function<std::string>(
        "-o,--output",
        [&format, accepted](const std::string& value) {
            for (OutputFormat f : accepted)
                if (output_format_name(f) == value) format = f;
        },
        help);
    auto aliases = flag.hidden_text_aliases;
    // An empty description keeps the aliases out of --help, the man page and the completions;
    // transform() runs before the membership check, which then only sees listed names.
    option->transform(CLI::Validator(
        [aliases](std::string& value) {
            if (std::find(aliases.begin(), aliases.end(), value) != aliases.end()) value = "text";
            return std::string();
        },
        ""));
    option->check(CLI::IsMember(names));
    if (flag.show_default) option->default_str(output_format_name(format));
    return option;
}

}  // namespace mesh::cli
