# bash completion for mesh                                 -*- shell-script -*-
# Generated from mesh's command tree by `mesh completion bash`; do not edit.
# Install: copy to /usr/share/bash-completion/completions/mesh, or run
#   source <(mesh completion bash)

# Prints the subcommands of a command path.
__mesh_subcommands() {
    case "$1" in
        'mesh') echo 'inject uninject version completion' ;;
    esac
}

# Prints the flags and options of a command path.
__mesh_flags() {
    case "$1" in
        'mesh') echo '-h --help --version --no-color' ;;
        'mesh inject') echo '-h --help -f --filename -R --recursive -o --output --in-place --diff --report --kind-path --no-color --mode --protocol --proxy-port --proxy-env --no-proxy --overwrite-env --init-image --linkerd-svc-name --use-service-vip --privileged --init-arg --skip-refused --allow-host-network' ;;
        'mesh uninject') echo '-h --help -f --filename -R --recursive -o --output --in-place --diff --report --kind-path --no-color' ;;
        'mesh version') echo '-h --help -o --output --no-color' ;;
        'mesh completion') echo '-h --help --no-color' ;;
    esac
}

# Prints how the value of option $2 of command path $1 is completed.
__mesh_value() {
    case "$1 $2" in
        'mesh inject -f'|'mesh inject --filename') echo 'files' ;;
        'mesh inject -o'|'mesh inject --output') echo 'words:yaml json' ;;
        'mesh inject --report') echo 'words:text json none' ;;
        'mesh inject --kind-path') echo 'text' ;;
        'mesh inject --mode') echo 'words:http-proxy iptables' ;;
        'mesh inject --protocol') echo 'words:http h2 grpc' ;;
        'mesh inject --proxy-port') echo 'text' ;;
        'mesh inject --proxy-env') echo 'text' ;;
        'mesh inject --no-proxy') echo 'text' ;;
        'mesh inject --init-image') echo 'text' ;;
        'mesh inject --linkerd-svc-name') echo 'text' ;;
        'mesh inject --init-arg') echo 'text' ;;
        'mesh uninject -f'|'mesh uninject --filename') echo 'files' ;;
        'mesh uninject -o'|'mesh uninject --output') echo 'words:yaml json' ;;
        'mesh uninject --report') echo 'words:text json none' ;;
        'mesh uninject --kind-path') echo 'text' ;;
        'mesh version -o'|'mesh version --output') echo 'words:text json' ;;
        *) echo none ;;
    esac
}

# Prints how positional argument $2 (from 0) of command path $1 is completed.
__mesh_positional() {
    local kinds=() repeat=0
    case "$1" in
        'mesh completion') kinds=('words:bash zsh fish') repeat=0 ;;
    esac
    if (($2 < ${#kinds[@]})); then
        echo "${kinds[$2]}"
    elif ((repeat)); then
        echo "${kinds[${#kinds[@]}-1]}"
    else
        echo none
    fi
}

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
# --kubeconfig and --context given) and __mesh_kind: what the word under the cursor is, either the
# value of an option (text, files, dirs, contexts, namespaces, words:<choices>) or positional:<n>.
__mesh_walk() {
    local i word npos=0 kind
    __mesh_path=mesh
    __mesh_kubeflags=()
    for ((i = 1; i < __mesh_cword; i++)); do
        word="${__mesh_words[i]}"
        case "$word" in
            --*=*)
                case "${word%%=*}" in
                    --kubeconfig|--context) __mesh_kubeflags+=("$word") ;;
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
                    --kubeconfig|--context) __mesh_kubeflags+=("$word=${__mesh_words[i]}") ;;
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
