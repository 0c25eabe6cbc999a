// The zsh script has one _arguments function per command; commands with subcommands dispatch on
// the next word, as zsh's own completions for git and kubectl do.

#include <sstream>

#include "cli/docgen/completion_scripts.hpp"

namespace mesh::cli {

static const char* const k_zsh_helpers = R"ZSH(
# --kubeconfig, --context and --namerd typed so far, as name=value words, in $reply.
__mesh_kubeflags() {
    local i
    reply=()
    for ((i = 1; i < CURRENT; i++)); do
        case $words[i] in
            --kubeconfig|--context|--namerd) ((i + 1 < CURRENT)) && reply+=("$words[i]=$words[i+1]") ;;
            --kubeconfig=*|--context=*|--namerd=*) reply+=("$words[i]") ;;
        esac
    done
}

__mesh_contexts() {
    local -a reply names
    __mesh_kubeflags
    names=(${(f)"$(command mesh __complete contexts $reply 2>/dev/null)"})
    _wanted contexts expl context compadd -a names
}

__mesh_dtab_namespaces() {
    local -a reply names
    __mesh_kubeflags
    names=(${(f)"$(command mesh __complete dtab-namespaces $reply 2>/dev/null)"})
    _wanted namespaces expl 'dtab namespace' compadd -a names
}

__mesh_namespaces() {
    local -a reply names
    (( $+commands[kubectl] )) || return 1
    __mesh_kubeflags
    names=(${${(f)"$(command kubectl get namespaces -o name --request-timeout=3s $reply 2>/dev/null)"}#namespace/})
    _wanted namespaces expl namespace compadd -a names
}
)ZSH";

static std::string function_name(const CommandModel& command) {
    std::string name = "_" + command.joined("_");
    for (char& c : name)
        if (c == '-') c = '_';
    return name;
}

// _arguments wants ':' and brackets in descriptions escaped.
static std::string zsh_description(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

static std::string zsh_action(const OptionModel& opt) {
    switch (opt.kind) {
    case ValueKind::Choice: {
        std::string out = "(";
        for (std::size_t i = 0; i < opt.choices.size(); ++i) out += (i ? " " : "") + opt.choices[i];
        return out + ")";
    }
    case ValueKind::File: return "_files";
    case ValueKind::Directory: return "_files -/";
    case ValueKind::Context: return "__mesh_contexts";
    case ValueKind::Namespace: return "__mesh_namespaces";
    case ValueKind::DtabNamespace: return "__mesh_dtab_namespaces";
    default: return " ";
    }
}

static std::string value_message(const OptionModel& opt) {
    std::string name = !opt.long_names.empty()        ? opt.long_names.front()
                       : !opt.positional_name.empty() ? opt.positional_name
                                                      : opt.value_name;
    return zsh_description(name);
}

// One _arguments spec per spelling, each already quoted for the shell.
static std::vector<std::string> option_specs(const OptionModel& opt) {
    std::vector<std::string> specs;
    auto spellings = opt.spellings();
    std::string exclusion;
    if (opt.repeatable) {
        exclusion = "*";
    } else if (spellings.size() > 1) {
        exclusion = "(";
        for (std::size_t i = 0; i < spellings.size(); ++i) exclusion += (i ? " " : "") + spellings[i];
        exclusion += ")";
    }
    for (const auto& spelling : spellings) {
        std::string spec = exclusion + spelling;
        if (opt.kind != ValueKind::None && spelling.rfind("--", 0) == 0) spec += "=";
        spec += "[" + zsh_description(opt.description) + "]";
        if (opt.kind != ValueKind::None) spec += ":" + value_message(opt) + ":" + zsh_action(opt);
        specs.push_back(shell_quote(spec));
    }
    return specs;
}

static void write_function(std::ostream& out, const CommandModel& command) {
    out << '\n' << function_name(command) << "() {\n";
    std::vector<std::string> specs;
    for (const auto& opt : command.options)
        for (auto& spec : option_specs(opt)) specs.push_back(std::move(spec));
    if (command.subcommands.empty()) {
        for (std::size_t i = 0; i < command.positionals.size(); ++i) {
            const auto& positional = command.positionals[i];
            std::string index =
                positional.repeatable && i + 1 == command.positionals.size() ? std::string("*") : std::to_string(i + 1);
            specs.push_back(shell_quote(index + ":" + value_message(positional) + ":" + zsh_action(positional)));
        }
        out << "    _arguments -s -S";
        for (const auto& spec : specs) out << " \\\n        " << spec;
        out << "\n}\n";
        return;
    }
    out << "    local curcontext=\"$curcontext\" state line\n"
           "    typeset -A opt_args\n"
           "    _arguments -C -s -S";
    for (const auto& spec : specs) out << " \\\n        " << spec;
    out << " \\\n        '1: :->command' \\\n        '*:: :->argument'\n"
           "    case $state in\n"
           "        command)\n"
           "            local -a subcommands\n"
           "            subcommands=(\n";
    for (const auto& sub : command.subcommands)
        out << "                " << shell_quote(sub.path.back() + ":" + sub.summary) << "\n";
    out << "            )\n"
           "            _describe -t commands "
        << shell_quote(command.joined(" ") + " command") << " subcommands ;;\n"
        << "        argument)\n"
           "            case $words[1] in\n";
    for (const auto& sub : command.subcommands)
        out << "                " << shell_quote(sub.path.back()) << ") " << function_name(sub) << " ;;\n";
    out << "            esac ;;\n"
           "    esac\n}\n";
}

std::string render_zsh_completion(const CommandModel& root) {
    std::ostringstream out;
    out << "#compdef mesh kubectl-mesh\n"
           "# zsh completion for mesh, generated from mesh's command tree by `mesh completion zsh`;\n"
           "# do not edit. Install: copy to a directory of $fpath as _mesh, or run\n"
           "#   source <(mesh completion zsh)\n";
    out << k_zsh_helpers;
    for (const auto* command : flatten(root)) write_function(out, *command);
    out << "\n# Sourced rather than autoloaded: register; autoloaded: complete now.\n"
           "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n"
           "    "
        << function_name(root)
        << " \"$@\"\n"
           "else\n"
           "    compdef "
        << function_name(root)
        << " mesh kubectl-mesh\n"
           "fi\n";
    return out.str();
}

}  // namespace mesh::cli
