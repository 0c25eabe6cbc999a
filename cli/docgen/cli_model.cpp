#include "cli/docgen/cli_model.hpp"

#include "cli/docgen/option_display.hpp"

#include <algorithm>
#include <cctype>

#include "cli/command.hpp"
#include "libmesh/core/split.hpp"

namespace mesh::cli {

std::vector<std::string> OptionModel::spellings() const {
    std::vector<std::string> out;
    for (const auto& s : short_names) out.push_back("-" + s);
    for (const auto& l : long_names) out.push_back("--" + l);
    return out;
}

std::string CommandModel::joined(const std::string& separator) const {
    std::string out;
    for (const auto& part : path) out += (out.empty() ? "" : separator) + part;
    return out;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

static std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

static bool has(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// CLI11 keeps no list of a check's values we could read back, but every validator contributes
// its description to the type name ("TEXT:{text,json}", "TEXT:FILE"), which is stable across
// CLI11 2.x; that is where the choices and the path checks are found.
static void classify(const CLI::Option& opt, OptionModel& model) {
    auto segments = core::split(opt.get_type_name(), ':');
    model.value_name = segments.front();
    // A value name of our own may hold a colon (HOST:PORT): after a name that is not one of CLI11's
    // type names, a bare upper-case word is part of the name, not a validator's description (those
    // are FILE, DIR, PATH(...), NONNEGATIVE, POSITIVE, {..} or phrases).
    static const std::vector<std::string> k_cli11_types = {"TEXT", "INT", "UINT", "FLOAT", "NUMBER", "BOOLEAN", "ENUM"};
    static const std::vector<std::string> k_validators = {"FILE", "DIR", "NONNEGATIVE", "POSITIVE"};
    auto is_name_part = [&](const std::string& s) {
        return !s.empty() && !has(k_validators, s) && s.rfind("PATH", 0) != 0 &&
               std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isupper(c) != 0; });
    };
    while (segments.size() > 1 && !has(k_cli11_types, segments.front()) && is_name_part(segments[1])) {
        model.value_name += ":" + segments[1];
        segments.erase(segments.begin() + 1);
    }
    if (opt.get_items_expected_max() == 0 && !opt.get_positional()) {
        model.kind = ValueKind::None;
        model.value_name.clear();
        return;
    }
    model.kind = ValueKind::Text;
    for (std::size_t i = 1; i < segments.size(); ++i) {
        const std::string& s = segments[i];
        if (s.size() >= 2 && s.front() == '{' && s.back() == '}') {
            model.kind = ValueKind::Choice;
            for (auto value : core::split(s.substr(1, s.size() - 2), ',')) {
                auto arrow = value.find("->");  // a CLI::IsMember over a map lists "key->value"
                if (arrow != std::string::npos) value.resize(arrow);
                if (!value.empty()) model.choices.push_back(value);
            }
            return;
        }
        if (s == "FILE" || s.rfind("PATH", 0) == 0) model.kind = ValueKind::File;
        if (s == "DIR") model.kind = ValueKind::Directory;
    }
    if (model.kind != ValueKind::Text) return;
    // The names kubectl users know decide the rest.
    if (has(model.long_names, "filename") || has(model.long_names, "kubeconfig")) {
        model.kind = ValueKind::File;
    } else if (has(model.long_names, "context")) {
        model.kind = ValueKind::Context;
    } else if (has(model.long_names, "namespace")) {
        model.kind = ValueKind::Namespace;
    } else if (opt.get_positional()) {
        std::string name = lower(model.positional_name);
        if (name == "namespace") {  // only namerd's dtab commands take a namespace argument
            model.kind = ValueKind::DtabNamespace;
        } else if (name.find("dir") != std::string::npos) {
            model.kind = ValueKind::Directory;
        } else if (name.find("file") != std::string::npos || name.find("path") != std::string::npos ||
                   name.find("manifest") != std::string::npos) {
            model.kind = ValueKind::File;
        }
    }
}

OptionModel describe_option(const CLI::Option& opt) {
    OptionModel model;
    model.short_names = opt.get_snames();
    model.long_names = opt.get_lnames();
    if (opt.get_positional()) model.positional_name = opt.get_name(true, false);
    model.description = opt.get_description();
    model.required = opt.get_required();
    model.repeatable =
        opt.get_items_expected_max() > 1 || opt.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
    model.default_value = opt.get_default_str();
    classify(opt, model);
    return model;
}

std::string value_placeholder(const OptionModel& opt) {
    if (opt.kind == ValueKind::None) return {};
    if (opt.kind == ValueKind::Choice && !opt.choices.empty()) {
        std::string out;
        for (const auto& choice : opt.choices) out += (out.empty() ? "" : "|") + choice;
        return out;
    }
    if (opt.value_name == "INT" || opt.value_name == "UINT" || opt.value_name == "FLOAT") return "N";
    return opt.value_name.empty() ? "VALUE" : opt.value_name;
}

static CommandModel describe(CLI::App& app, std::vector<std::string> path) {
    CommandModel model;
    model.path = std::move(path);
    model.summary = app.get_description();
    std::string prefix = model.path.front() + ": ";
    if (model.path.size() == 1 && model.summary.rfind(prefix, 0) == 0)
        model.summary = model.summary.substr(prefix.size());
    model.description = command_long_description(app);
    model.examples = command_examples(app);
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->get_group().empty()) continue;  // hidden
        if (opt->get_positional() && !opt->nonpositional()) {
            model.positionals.push_back(describe_option(*opt));
        } else {
            model.options.push_back(describe_option(*opt));
        }
    }
    for (CLI::App* sub : app.get_subcommands([](CLI::App* s) { return !s->get_group().empty(); })) {
        auto sub_path = model.path;
        sub_path.push_back(sub->get_name());
        model.subcommands.push_back(describe(*sub, std::move(sub_path)));
    }
    return model;
}

CommandModel describe_tree(CLI::App& app, const std::string& program) {
    std::string name = app.get_parent() == nullptr ? program : app.get_name();
    return describe(app, {name});
}

static void collect(const CommandModel& command, std::vector<const CommandModel*>& out) {
    out.push_back(&command);
    for (const auto& sub : command.subcommands) collect(sub, out);
}

std::vector<const CommandModel*> flatten(const CommandModel& root) {
    std::vector<const CommandModel*> out;
    collect(root, out);
    return out;
}

}  // namespace mesh::cli
