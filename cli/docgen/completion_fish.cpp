// The fish script finds the command path from the typed tokens and guards each `complete` line
// with it, so nested commands get only their own flags.

#include <sstream>

#include "cli/docgen/completion_scripts.hpp"

namespace mesh::cli {

static const char* const k_fish_helpers = R"FISH(
# The command path of the tokens before the cursor: "mesh", "mesh dtab"...
function __mesh_path
    set -l tokens (commandline -opc)
    set -l path mesh
    set -l skip 0
    for t in $tokens[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case '--*=*'
            case '-?*'
                if contains -- "$path $t" $__mesh_value_options
                    set skip 1
                end
            case '*'
                if contains -- "$path $t" $__mesh_commands
                    set path "$path $t"
                end
        end
    end
    echo $path
end

function __mesh_is
    test (__mesh_path) = "$argv[1]"
end

# --kubeconfig, --context and --namerd typed so far, as name=value words.
function __mesh_kubeflags
    set -l tokens (commandline -opc)
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --kubeconfig --context --namerd
                set -l next (math $i + 1)
                if test $next -le (count $tokens)
                    echo "$tokens[$i]=$tokens[$next]"
                end
            case '--kubeconfig=*' '--context=*' '--namerd=*'
                echo $tokens[$i]
        end
    end
end

function __mesh_contexts
    command mesh __complete contexts (__mesh_kubeflags) 2>/dev/null
end

function __mesh_dtab_namespaces
    command mesh __complete dtab-namespaces (__mesh_kubeflags) 2>/dev/null
end

function __mesh_namespaces
    command -q kubectl; or return
    command kubectl get namespaces -o name --request-timeout=3s (__mesh_kubeflags) 2>/dev/null | string replace -r '^namespace/' ''
end
)FISH";

static std::string value_arguments(const OptionModel& opt) {
    switch (opt.kind) {
    case ValueKind::None: return "";
    case ValueKind::Text: return " -x";
    case ValueKind::File: return " -r -F";
    case ValueKind::Directory: return " -x -a '(__fish_complete_directories)'";
    case ValueKind::Context: return " -x -a '(__mesh_contexts)'";
    case ValueKind::Namespace: return " -x -a '(__mesh_namespaces)'";
    case ValueKind::DtabNamespace: return " -x -a '(__mesh_dtab_namespaces)'";
    case ValueKind::Choice: {
        std::string words;
        for (std::size_t i = 0; i < opt.choices.size(); ++i) words += (i ? " " : "") + opt.choices[i];
        return " -x -a " + fish_quote(words);
    }
    }
    return "";
}

std::string render_fish_completion(const CommandModel& root) {
    auto commands = flatten(root);
    std::ostringstream out;
    out << "# fish completion for mesh, generated from mesh's command tree by `mesh completion fish`;\n"
           "# do not edit. Install: copy to ~/.config/fish/completions/mesh.fish, or run\n"
           "#   mesh completion fish | source\n";
    out << "\nset -g __mesh_commands";
    for (const auto* command : commands)
        for (const auto& sub : command->subcommands) out << ' ' << fish_quote(sub.joined(" "));
    out << "\nset -g __mesh_value_options";
    for (const auto* command : commands)
        for (const auto& opt : command->options)
            if (opt.kind != ValueKind::None)
                for (const auto& spelling : opt.spellings())
                    out << ' ' << fish_quote(command->joined(" ") + " " + spelling);
    out << '\n' << k_fish_helpers << '\n';
    out << "complete -c mesh -f\n"
           "complete -c kubectl-mesh -w mesh\n";
    for (const auto* command : commands) {
        std::string guard = " -n " + fish_quote("__mesh_is " + fish_quote(command->joined(" ")));
        out << "\n# " << command->joined(" ") << '\n';
        for (const auto& sub : command->subcommands)
            out << "complete -c mesh" << guard << " -a " << fish_quote(sub.path.back()) << " -d "
                << fish_quote(sub.summary) << '\n';
        for (const auto& opt : command->options) {
            out << "complete -c mesh" << guard;
            for (const auto& s : opt.short_names) out << " -s " << s;
            for (const auto& l : opt.long_names) out << " -l " << l;
            out << value_arguments(opt) << " -d " << fish_quote(opt.description) << '\n';
        }
        if (command->subcommands.empty() && !command->positionals.empty()) {
            // fish does not count positionals; the first one's kind stands for all.
            const auto& positional = command->positionals.front();
            std::string args = value_arguments(positional);
            if (positional.kind == ValueKind::File) args = " -F";
            if (positional.kind == ValueKind::Text) args.clear();
            if (!args.empty()) out << "complete -c mesh" << guard << args << '\n';
        }
    }
    return out.str();
}

}  // namespace mesh::cli
