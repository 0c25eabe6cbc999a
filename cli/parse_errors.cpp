#include "cli/parse_errors.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace mesh::cli {

namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::vector<std::string> visible_commands(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub :
         app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty() && !s->get_name().empty(); }))
        names.push_back(sub->get_name());
    return names;
}

std::vector<std::string> flag_spellings(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->get_group().empty() || (opt->get_positional() && !opt->nonpositional())) continue;
        for (const auto& s : opt->get_snames()) names.push_back("-" + s);
        for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
    }
    return names;
}

const CLI::App* subcommand_named(const CLI::App& app, const std::string& name) {
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        if (sub->check_name(name)) return sub;
    return nullptr;
}

std::string path_of(const CLI::App& app, const std::string& program) {
    std::string path;
    for (const CLI::App* a = &app; a->get_parent() != nullptr; a = a->get_parent())
        path = a->get_name() + (path.empty() ? "" : " ") + path;
    return path.empty() ? program : program + " " + path;
}

std::string did_you_mean(const std::vector<std::string>& near) {
    if (near.empty()) return {};
    std::string out = "; did you mean";
    for (std::size_t i = 0; i < near.size() && i < 3; ++i)
        out += (i == 0 ? " `" : i + 1 == std::min<std::size_t>(near.size(), 3) ? "` or `" : "`, `") + near[i];
    return out + "`?";
}

// What went wrong with the arguments, found by walking them as CLI11 does: subcommand names
// descend, flags are looked up in the command they follow. Empty when nothing is recognisably off.
struct Finding {
    const CLI::App* command = nullptr;
    std::string message;
};

Finding find_mistake(const CLI::App& root, const std::vector<std::string>& args, const std::string& program) {
    const CLI::App* command = &root;
    bool positionals_started = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") break;
        if (arg.size() > 1 && arg[0] == '-') {
            bool is_long = arg.rfind("--", 0) == 0;
            auto equals = arg.find('=');
            std::string name = is_long ? arg.substr(0, equals) : arg.substr(0, 2);
            const CLI::Option* opt = command->get_option_no_throw(name);
            if (opt == nullptr) {  // hidden flags (aliases) are found too, and accepted
                return {command, fmt::format("unknown flag {} for `{}`{}", name, path_of(*command, program),
                                             did_you_mean(nearest_names(name, flag_spellings(*command))))};
            }
            bool takes_value = opt->get_items_expected_max() != 0;  // flags expect no items
            if (!takes_value && (equals != std::string::npos || (!is_long && arg.size() > 2 && arg[2] == '=')))
                return {command, fmt::format("{} takes no value (given `{}`)", name, arg)};
            bool value_attached = is_long ? equals != std::string::npos : arg.size() > 2;
            if (takes_value && !value_attached) {
                if (opt->get_expected_max() == 1) {
                    ++i;
                } else {  // a list takes words up to the next flag or command, as CLI11 does
                    while (i + 1 < args.size() && args[i + 1].rfind('-', 0) != 0 &&
                           subcommand_named(*command, args[i + 1]) == nullptr)
                        ++i;
                }
            }
            continue;
        }
        if (!positionals_started) {
            if (const CLI::App* sub = subcommand_named(*command, arg)) {
                command = sub;
                continue;
            }
            if (!visible_commands(*command).empty() && command->get_require_subcommand_min() > 0)
                return {command, fmt::format("unknown command `{}` for `{}`{}", arg, path_of(*command, program),
                                             did_you_mean(nearest_names(arg, visible_commands(*command))))};
        }
        positionals_started = true;
    }
    return {command, {}};
}

std::string list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace

std::vector<std::string> nearest_names(const std::string& typed, const std::vector<std::string>& candidates) {
    // Only the nearest are offered: a guess among many is no help.
    std::size_t allowed = std::max<std::size_t>(1, typed.size() / 3);
    std::size_t best = allowed + 1;
    std::vector<std::string> out;
    for (const auto& candidate : candidates) {
        bool prefix = typed.size() >= 2 && candidate.rfind(typed, 0) == 0;
        std::size_t distance = prefix ? 0 : edit_distance(typed, candidate);
        if (distance > allowed || distance > best) continue;
        if (distance < best) out.clear();
        best = distance;
        out.push_back(candidate);
    }
    return out;
}

std::string describe_parse_error(const CLI::App& app, const CLI::ParseError& error,
                                 const std::vector<std::string>& args, const std::string& program) {
    Finding finding = find_mistake(app, args, program);
    std::string message = finding.message;
    const CLI::App* command = finding.command;
    if (message.empty()) {
        std::string what = error.what();
        auto subcommands = visible_commands(*command);
        if (error.get_name() == "RequiredError" && what.find("subcommand") != std::string::npos &&
            !subcommands.empty()) {
            message = fmt::format("`{}` needs a command: {}", path_of(*command, program), list(subcommands));
        } else if (error.get_name() == "ExtrasError") {
            message = "unexpected argument" + std::string(what.find("arguments were") != std::string::npos ? "s" : "") +
                      ": " + (what.find(':') == std::string::npos ? what : what.substr(what.find(':') + 2));
        } else {
            message = what;
        }
    }
    return fmt::format("mesh: error: {}\nRun '{} --help' for usage.\n", message, path_of(*command, program));
}

}  // namespace mesh::cli
