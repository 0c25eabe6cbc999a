# bash completion for mesh                                 -*- shell-script -*-
# Generated from mesh's command tree by `mesh completion bash`; do not edit.
# Install: copy to /usr/share/bash-completion/completions/mesh, or run
#   source <(mesh completion bash)

# Prints the subcommands of a command path.
__mesh_subcommands() {
    case "$1" in
        'mesh') echo 'dtab install inject uninject status check version webhook completion help' ;;
        'mesh dtab') echo 'fmt lint delegate diff list get create update delete watch edit' ;;
        'mesh install') echo 'namerd' ;;
        'mesh webhook') echo 'serve manifests' ;;
    esac
}

# Prints the flags and options of a command path.
__mesh_flags() {
    case "$1" in
        'mesh') echo '-h --help --version --no-color' ;;
        'mesh dtab') echo '-h --help --no-color' ;;
        'mesh dtab fmt') echo '-h --help --compact -w --write --check --no-color' ;;
        'mesh dtab lint') echo '-h --help -o --output --no-color' ;;
        'mesh dtab delegate') echo '-h --help --dtab --dtab-file -o --output --resolve --fs-namer --no-symbolic-namers --namerd --namerd-namespace --proxy --dtab-from-proxy --router --request-timeout --no-color' ;;
        'mesh dtab diff') echo '-h --help --namerd --request-timeout --no-color' ;;
        'mesh dtab list') echo '-h --help --namerd --request-timeout -o --output --no-color' ;;
        'mesh dtab get') echo '-h --help --namerd --request-timeout -o --output --no-color' ;;
        'mesh dtab create') echo '-h --help --namerd --request-timeout --no-color' ;;
        'mesh dtab update') echo '-h --help --namerd --request-timeout --version --force --no-color' ;;
        'mesh dtab delete') echo '-h --help --namerd --request-timeout --no-color' ;;
        'mesh dtab watch') echo '-h --help --namerd --request-timeout -o --output --no-color' ;;
        'mesh dtab edit') echo '-h --help --namerd --request-timeout --no-color' ;;
        'mesh install') echo '-h --help -n --namespace --linkerd-version --registry --kubectl-image --service-type -o --output --cni --tls --tls-secret --zipkin --namerd --namerd-address --ingress --no-color' ;;
        'mesh install namerd') echo '-h --help -n --namespace --linkerd-version --registry --kubectl-image --service-type -o --output --crds --no-color' ;;
        'mesh inject') echo '-h --help -f --filename -R --recursive -o --output --in-place --diff --report --kind-path --mode --protocol --proxy-port --proxy-env --no-proxy --overwrite-env --init-image --linkerd-svc-name --use-service-vip --privileged --init-arg --skip-refused --no-verify --allow-host-network --fail-on-warning --no-color' ;;
        'mesh uninject') echo '-h --help -f --filename -R --recursive -o --output --in-place --diff --report --kind-path --no-color' ;;
        'mesh status') echo '-h --help --proxy --proxies-file --kubeconfig --context --cluster --user --server --token --insecure-skip-tls-verify --request-timeout -n --namespace -l --selector --admin-port --direct --insecure --cacert --parallel --timeout --overall-timeout --max-body -v --verbose --interval --once -w --watch --by -o --output --no-color' ;;
        'mesh check') echo '-h --help --proxy --proxies-file --kubeconfig --context --cluster --user --server --token --insecure-skip-tls-verify --request-timeout -n --namespace -l --selector --admin-port --direct --insecure --cacert --parallel --timeout --overall-timeout --max-body -v --verbose --workloads --workload-namespace -A --all-namespaces --workload-selector --endpoints --interval --once --fail-on-warning -o --output --namerd-admin --success-rate-warn --success-rate-error --min-uptime --max-restarts --max-ejections --p99-warn --heap-warn --no-color' ;;
        'mesh version') echo '-h --help -o --output --no-color' ;;
        'mesh webhook') echo '-h --help --no-color' ;;
        'mesh webhook serve') echo '-h --help --listen --tls-cert --tls-key --read-timeout --keep-alive-timeout --threads --max-body-bytes --max-connections --cert-reload-interval --mode --protocol --proxy-port --proxy-env --no-proxy --overwrite-env --init-image --linkerd-svc-name --use-service-vip --privileged --init-arg --allow-host-network --no-color' ;;
        'mesh webhook manifests') echo '-h --help --image --name -n --namespace --replicas --failure-policy --timeout-seconds --generate-certs --cert-days --force --threads --max-body-bytes --mode --protocol --proxy-port --proxy-env --no-proxy --overwrite-env --init-image --linkerd-svc-name --use-service-vip --privileged --init-arg --allow-host-network --no-color' ;;
        'mesh completion') echo '-h --help --no-color' ;;
        'mesh help') echo '-h --help --no-color' ;;
    esac
}

# Prints how the value of option $2 of command path $1 is completed.
__mesh_value() {
    case "$1 $2" in
        'mesh dtab lint -o'|'mesh dtab lint --output') echo 'words:text json' ;;
        'mesh dtab delegate --dtab') echo 'text' ;;
        'mesh dtab delegate --dtab-file') echo 'text' ;;
        'mesh dtab delegate -o'|'mesh dtab delegate --output') echo 'words:text json' ;;
        'mesh dtab delegate --fs-namer') echo 'dirs' ;;
        'mesh dtab delegate --namerd') echo 'text' ;;
        'mesh dtab delegate --namerd-namespace') echo 'text' ;;
        'mesh dtab delegate --proxy') echo 'text' ;;
        'mesh dtab delegate --dtab-from-proxy') echo 'text' ;;
        'mesh dtab delegate --router') echo 'text' ;;
        'mesh dtab delegate --request-timeout') echo 'text' ;;
        'mesh dtab diff --namerd') echo 'text' ;;
        'mesh dtab diff --request-timeout') echo 'text' ;;
        'mesh dtab list --namerd') echo 'text' ;;
        'mesh dtab list --request-timeout') echo 'text' ;;
        'mesh dtab list -o'|'mesh dtab list --output') echo 'words:text json' ;;
        'mesh dtab get --namerd') echo 'text' ;;
        'mesh dtab get --request-timeout') echo 'text' ;;
        'mesh dtab get -o'|'mesh dtab get --output') echo 'words:text compact json' ;;
        'mesh dtab create --namerd') echo 'text' ;;
        'mesh dtab create --request-timeout') echo 'text' ;;
        'mesh dtab update --namerd') echo 'text' ;;
        'mesh dtab update --request-timeout') echo 'text' ;;
        'mesh dtab update --version') echo 'text' ;;
        'mesh dtab delete --namerd') echo 'text' ;;
        'mesh dtab delete --request-timeout') echo 'text' ;;
        'mesh dtab watch --namerd') echo 'text' ;;
        'mesh dtab watch --request-timeout') echo 'text' ;;
        'mesh dtab watch -o'|'mesh dtab watch --output') echo 'words:text json' ;;
        'mesh dtab edit --namerd') echo 'text' ;;
        'mesh dtab edit --request-timeout') echo 'text' ;;
        'mesh install -n'|'mesh install --namespace') echo 'namespaces' ;;
        'mesh install --linkerd-version') echo 'text' ;;
        'mesh install --registry') echo 'text' ;;
        'mesh install --kubectl-image') echo 'text' ;;
        'mesh install --service-type') echo 'words:ClusterIP NodePort LoadBalancer' ;;
        'mesh install -o'|'mesh install --output') echo 'words:yaml json' ;;
        'mesh install --tls-secret') echo 'text' ;;
        'mesh install --zipkin') echo 'text' ;;
        'mesh install --namerd-address') echo 'text' ;;
        'mesh install namerd -n'|'mesh install namerd --namespace') echo 'namespaces' ;;
        'mesh install namerd --linkerd-version') echo 'text' ;;
        'mesh install namerd --registry') echo 'text' ;;
        'mesh install namerd --kubectl-image') echo 'text' ;;
        'mesh install namerd --service-type') echo 'words:ClusterIP NodePort LoadBalancer' ;;
        'mesh install namerd -o'|'mesh install namerd --output') echo 'words:yaml json' ;;
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
        'mesh status --proxy') echo 'text' ;;
        'mesh status --proxies-file') echo 'text' ;;
        'mesh status --kubeconfig') echo 'files' ;;
        'mesh status --context') echo 'contexts' ;;
        'mesh status --cluster') echo 'text' ;;
        'mesh status --user') echo 'text' ;;
        'mesh status --server') echo 'text' ;;
        'mesh status --token') echo 'text' ;;
        'mesh status --request-timeout') echo 'text' ;;
        'mesh status -n'|'mesh status --namespace') echo 'namespaces' ;;
        'mesh status -l'|'mesh status --selector') echo 'text' ;;
        'mesh status --admin-port') echo 'text' ;;
        'mesh status --cacert') echo 'text' ;;
        'mesh status --parallel') echo 'text' ;;
        'mesh status --timeout') echo 'text' ;;
        'mesh status --overall-timeout') echo 'text' ;;
        'mesh status --max-body') echo 'text' ;;
        'mesh status --interval') echo 'text' ;;
        'mesh status --by') echo 'words:proxy service' ;;
        'mesh status -o'|'mesh status --output') echo 'words:text wide json' ;;
        'mesh check --proxy') echo 'text' ;;
        'mesh check --proxies-file') echo 'text' ;;
        'mesh check --kubeconfig') echo 'files' ;;
        'mesh check --context') echo 'contexts' ;;
        'mesh check --cluster') echo 'text' ;;
        'mesh check --user') echo 'text' ;;
        'mesh check --server') echo 'text' ;;
        'mesh check --token') echo 'text' ;;
        'mesh check --request-timeout') echo 'text' ;;
        'mesh check -n'|'mesh check --namespace') echo 'namespaces' ;;
        'mesh check -l'|'mesh check --selector') echo 'text' ;;
        'mesh check --admin-port') echo 'text' ;;
        'mesh check --cacert') echo 'text' ;;
        'mesh check --parallel') echo 'text' ;;
        'mesh check --timeout') echo 'text' ;;
        'mesh check --overall-timeout') echo 'text' ;;
        'mesh check --max-body') echo 'text' ;;
        'mesh check --workload-namespace') echo 'text' ;;
        'mesh check --workload-selector') echo 'text' ;;
        'mesh check --interval') echo 'text' ;;
        'mesh check -o'|'mesh check --output') echo 'words:text short json' ;;
        'mesh check --namerd-admin') echo 'text' ;;
        'mesh check --success-rate-warn') echo 'text' ;;
        'mesh check --success-rate-error') echo 'text' ;;
        'mesh check --min-uptime') echo 'text' ;;
        'mesh check --max-restarts') echo 'text' ;;
        'mesh check --max-ejections') echo 'text' ;;
        'mesh check --p99-warn') echo 'text' ;;
        'mesh check --heap-warn') echo 'text' ;;
        'mesh version -o'|'mesh version --output') echo 'words:text json' ;;
        'mesh webhook serve --listen') echo 'text' ;;
        'mesh webhook serve --tls-cert') echo 'text' ;;
        'mesh webhook serve --tls-key') echo 'text' ;;
        'mesh webhook serve --read-timeout') echo 'text' ;;
        'mesh webhook serve --keep-alive-timeout') echo 'text' ;;
        'mesh webhook serve --threads') echo 'text' ;;
        'mesh webhook serve --max-body-bytes') echo 'text' ;;
        'mesh webhook serve --max-connections') echo 'text' ;;
        'mesh webhook serve --cert-reload-interval') echo 'text' ;;
        'mesh webhook serve --mode') echo 'words:http-proxy iptables' ;;
        'mesh webhook serve --protocol') echo 'words:http h2 grpc' ;;
        'mesh webhook serve --proxy-port') echo 'text' ;;
        'mesh webhook serve --proxy-env') echo 'text' ;;
        'mesh webhook serve --no-proxy') echo 'text' ;;
        'mesh webhook serve --init-image') echo 'text' ;;
        'mesh webhook serve --linkerd-svc-name') echo 'text' ;;
        'mesh webhook serve --init-arg') echo 'text' ;;
        'mesh webhook manifests --image') echo 'text' ;;
        'mesh webhook manifests --name') echo 'text' ;;
        'mesh webhook manifests -n'|'mesh webhook manifests --namespace') echo 'namespaces' ;;
        'mesh webhook manifests --replicas') echo 'text' ;;
        'mesh webhook manifests --failure-policy') echo 'words:Ignore Fail' ;;
        'mesh webhook manifests --timeout-seconds') echo 'text' ;;
        'mesh webhook manifests --generate-certs') echo 'text' ;;
        'mesh webhook manifests --cert-days') echo 'text' ;;
        'mesh webhook manifests --threads') echo 'text' ;;
        'mesh webhook manifests --max-body-bytes') echo 'text' ;;
        'mesh webhook manifests --mode') echo 'words:http-proxy iptables' ;;
        'mesh webhook manifests --protocol') echo 'words:http h2 grpc' ;;
        'mesh webhook manifests --proxy-port') echo 'text' ;;
        'mesh webhook manifests --proxy-env') echo 'text' ;;
        'mesh webhook manifests --no-proxy') echo 'text' ;;
        'mesh webhook manifests --init-image') echo 'text' ;;
        'mesh webhook manifests --linkerd-svc-name') echo 'text' ;;
        'mesh webhook manifests --init-arg') echo 'text' ;;
        *) echo none ;;
    esac
}

# Prints how positional argument $2 (from 0) of command path $1 is completed.
__mesh_positional() {
    local kinds=() repeat=0
    case "$1" in
        'mesh dtab fmt') kinds=('files') repeat=1 ;;
        'mesh dtab lint') kinds=('files') repeat=1 ;;
        'mesh dtab delegate') kinds=('files') repeat=0 ;;
        'mesh dtab diff') kinds=('text' 'text') repeat=0 ;;
        'mesh dtab get') kinds=('dtab-namespaces') repeat=0 ;;
        'mesh dtab create') kinds=('dtab-namespaces' 'files') repeat=0 ;;
        'mesh dtab update') kinds=('dtab-namespaces' 'files') repeat=0 ;;
        'mesh dtab delete') kinds=('dtab-namespaces') repeat=0 ;;
        'mesh dtab watch') kinds=('dtab-namespaces') repeat=0 ;;
        'mesh dtab edit') kinds=('dtab-namespaces') repeat=0 ;;
        'mesh completion') kinds=('words:bash zsh fish') repeat=0 ;;
        'mesh help') kinds=('text') repeat=1 ;;
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
