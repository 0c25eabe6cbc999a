// The bash script embeds the command tree as case tables and walks the typed words through it;
// only contexts, namespaces and namerd's dtab namespaces are looked up at completion time.

#include <sstream>

#include "cli/docgen/completion_scripts.hpp"

namespace mesh::cli {

static const char* const k_bash_main = R"BASH(
# Sets __mesh_words and __mesh_cword: COMP_WORDS and COMP_CWORD with the pieces bash split at
# ':' (a word break) joined again, so "arn:aws:eks:..." contexts are one word.
__mesh_join_colons() {
    local i w
    __mesh_words=("${COMP_WORDS[0]}")
    __mesh_cword=0
    for ((i = 1; i <= COMP_CWORD && i < ${#COMP_WORDS[@]}; i++)); do
        w="${COMP_WORDS[i]}"
        if ((i > 1)) && [[ $w == : || ${COMP_WORDS[i-1]} == : ]]; then
            __mesh_words[${#__mesh_words[@]}-1]+="$w"
        else
            __mesh_words+=("$w")
        fi
    done
    __mesh_cword=$((${#__mesh_words[@]} - 1))
    ((COMP_CWORD < ${#COMP_WORDS[@]})) || { __mesh_words+=(""); ((__mesh_cword++)); }
}

# Walks the words before the cursor. Sets __mesh_path (the command path), __mesh_kubeflags (the
# --kubeconfig, --context and --namerd given) and __mesh_kind: what the word under the cursor is, either the
# value of an option (text, files, dirs, contexts, namespaces, dtab-namespaces, words:<choices>) or positional:<n>.
__mesh_walk() {
    local i word npos=0 kind
    __mesh_path=mesh
    __mesh_kubeflags=()
    for ((i = 1; i < __mesh_cword; i++)); do
        word="${__mesh_words[i]}"
        case "$word" in
            --*=*)
                case "${word%%=*}" in
                    --kubeconfig|--context|--namerd) __mesh_kubeflags+=("$word") ;;
                esac ;;
            -?*)
                kind=$(__mesh_value "$__mesh_path" "$word")
                [[ $kind == none ]] && continue
                # bash splits "--output=json" into "--output" "=" "json" when '=' is a word break.
                [[ ${__mesh_words[i+1]} == = ]] && ((i++))
                ((i++))
                if ((i >= __mesh_cword)); then
                    __mesh_kind=$kind
                    return
                fi
                case "$word" in
                    --kubeconfig|--context|--namerd) __mesh_kubeflags+=("$word=${__mesh_words[i]}") ;;
                esac ;;
            =) ;;
            *)
                if [[ " $(__mesh_subcommands "$__mesh_path") " == *" $word "* ]]; then
                    __mesh_path="$__mesh_path $word"
                    npos=0
                else
                    ((npos++))
                fi ;;
        esac
    done
    __mesh_kind=positional:$npos
}

# Fills COMPREPLY with the values of a kind that match $1.
__mesh_values() {
    local kind="$2" cur="$1" prog="${COMP_WORDS[0]}"
    __mesh_completed_kind="$kind"
    case "$kind" in
        words:*) COMPREPLY=($(compgen -W "${kind#words:}" -- "$cur")) ;;
        files)
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur")) ;;
        dirs)
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -d -- "$cur")) ;;
        contexts)
            COMPREPLY=($(compgen -W "$("$prog" __complete contexts "${__mesh_kubeflags[@]}" 2>/dev/null)" -- "$cur")) ;;
        dtab-namespaces)
            COMPREPLY=($(compgen -W "$("$prog" __complete dtab-namespaces "${__mesh_kubeflags[@]}" 2>/dev/null)" -- "$cur")) ;;
        namespaces)
            if command -v kubectl >/dev/null 2>&1; then
                COMPREPLY=($(compgen -W "$(kubectl get namespaces -o name --request-timeout=3s "${__mesh_kubeflags[@]}" 2>/dev/null | sed 's,^namespace/,,')" -- "$cur"))
            fi ;;
    esac
}

_mesh() {
    local cur kind
    COMPREPLY=()
    __mesh_completed_kind=
    __mesh_join_colons
    cur="${__mesh_words[__mesh_cword]}"
    [[ $cur == = ]] && cur=
    __mesh_walk
    kind=$__mesh_kind
    __mesh_reply "$cur" "$kind"
    # bash replaces only its own current word, the part after the last ':'.
    local raw="${COMP_WORDS[COMP_CWORD]}" i
    [[ $raw == = ]] && raw=
    if [[ $cur != "$raw" && $cur == *"$raw" ]]; then
        local joined="${cur%"$raw"}"
        for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]="${COMPREPLY[i]#"$joined"}"; done
    fi
    return 0
}

# Fills COMPREPLY for word $1 of kind $2 (from __mesh_walk).
__mesh_reply() {
    local cur="$1" kind="$2"
    if [[ $kind != positional:* ]]; then
        __mesh_values "$cur" "$kind"
        return 0
    fi
    if [[ $cur == --*=* ]]; then
        local flag="${cur%%=*}"
        kind=$(__mesh_value "$__mesh_path" "$flag")
        if [[ $kind != none ]]; then
            __mesh_values "${cur#*=}" "$kind"
            local i
            for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]="$flag=${COMPREPLY[i]}"; done
        fi
        return 0
    fi
    if [[ $cur == -* ]]; then
        __mesh_completed_kind=flags
        COMPREPLY=($(compgen -W "$(__mesh_flags "$__mesh_path")" -- "$cur"))
        return 0
    fi
    local subcommands
    subcommands=$(__mesh_subcommands "$__mesh_path")
    if [[ -n $subcommands ]]; then
        __mesh_completed_kind=commands
        COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
        return 0
    fi
    __mesh_values "$cur" "$(__mesh_positional "$__mesh_path" "${kind#positional:}")"
    return 0
}

complete -F _mesh mesh kubectl-mesh
)BASH";

std::string render_bash_completion(const CommandModel& root) {
    auto commands = flatten(root);
    std::ostringstream out;
    out << "# bash completion for mesh                                 -*- shell-script -*-\n"
           "# Generated from mesh's command tree by `mesh completion bash`; do not edit.\n"
           "# Install: copy to /usr/share/bash-completion/completions/mesh, or run\n"
           "#   source <(mesh completion bash)\n";

    out << "\n# Prints the subcommands of a command path.\n__mesh_subcommands() {\n    case \"$1\" in\n";
    for (const auto* command : commands) {
        if (command->subcommands.empty()) continue;
        std::string names;
        for (const auto& sub : command->subcommands) names += (names.empty() ? "" : " ") + sub.path.back();
        out << "        " << shell_quote(command->joined(" ")) << ") echo " << shell_quote(names) << " ;;\n";
    }
    out << "    esac\n}\n";

    out << "\n# Prints the flags and options of a command path.\n__mesh_flags() {\n    case \"$1\" in\n";
    for (const auto* command : commands) {
        std::string names;
        for (const auto& opt : command->options)
            for (const auto& spelling : opt.spellings()) names += (names.empty() ? "" : " ") + spelling;
        if (!names.empty())
            out << "        " << shell_quote(command->joined(" ")) << ") echo " << shell_quote(names) << " ;;\n";
    }
    out << "    esac\n}\n";

    out << "\n# Prints how the value of option $2 of command path $1 is completed.\n"
           "__mesh_value() {\n    case \"$1 $2\" in\n";
    for (const auto* command : commands) {
        for (const auto& opt : command->options) {
            if (opt.kind == ValueKind::None) continue;
            std::string patterns;
            for (const auto& spelling : opt.spellings())
                patterns += (patterns.empty() ? "" : "|") + shell_quote(command->joined(" ") + " " + spelling);
            out << "        " << patterns << ") echo " << shell_quote(completion_kind_word(opt)) << " ;;\n";
        }
    }
    out << "        *) echo none ;;\n    esac\n}\n";

    out << "\n# Prints how positional argument $2 (from 0) of command path $1 is completed.\n"
           "__mesh_positional() {\n    local kinds=() repeat=0\n    case \"$1\" in\n";
    for (const auto* command : commands) {
        if (command->positionals.empty()) continue;
        std::string kinds;
        for (const auto& positional : command->positionals)
            kinds += (kinds.empty() ? "" : " ") + shell_quote(completion_kind_word(positional));
        out << "        " << shell_quote(command->joined(" ")) << ") kinds=(" << kinds
            << ") repeat=" << (command->positionals.back().repeatable ? 1 : 0) << " ;;\n";
    }
    out << "    esac\n"
           "    if (($2 < ${#kinds[@]})); then\n"
           "        echo \"${kinds[$2]}\"\n"
           "    elif ((repeat)); then\n"
           "        echo \"${kinds[${#kinds[@]}-1]}\"\n"
           "    else\n"
           "        echo none\n"
           "    fi\n}\n";
    out << k_bash_main;
    return out.str();
}

}  // namespace mesh::cli
