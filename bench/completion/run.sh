#!/bin/bash
# How long one TAB takes with mesh's bash completion: the static part (commands, flags, enum
# values, all from tables in the script) and the dynamic part (contexts: one `mesh __complete`
# process). Prints milliseconds per completion, averaged over N runs.
# usage: bench/completion/run.sh [MESH_BINARY] [N]
set -euo pipefail
mesh=$(readlink -f "${1:-build/mesh}")
n=${2:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$mesh" completion bash > "$work/mesh.bash"
printf 'contexts:\n- name: prod\n- name: staging\n' > "$work/kubeconfig"

measure() {  # measure LABEL WORDS...: average ms of _mesh for COMP_WORDS=(WORDS)
    local label=$1; shift
    local ms
    ms=$(KUBECONFIG="$work/kubeconfig" bash --norc --noprofile -c '
        source "$1"; shift; n=$1; shift
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        start=$(date +%s%N)
        for ((k = 0; k < n; k++)); do _mesh; done
        echo $(( ($(date +%s%N) - start) / n / 1000 ))' _ "$work/mesh.bash" "$n" "$@")
    printf '%-40s %6d.%03d ms\n' "$label" $((ms / 1000)) $((ms % 1000))
}

echo "bash completion, $n runs each, $(nproc) cores"
measure "mesh <TAB> (commands)" "$mesh" ""
measure "mesh inject --<TAB> (flags)" "$mesh" inject --
measure "mesh inject --mode <TAB> (enum values)" "$mesh" inject --mode ""
# What a --context TAB adds to the static part: one `mesh __complete contexts` process.
start=$(date +%s%N)
for ((k = 0; k < 20; k++)); do KUBECONFIG="$work/kubeconfig" "$mesh" __complete contexts >/dev/null; done
echo "mesh __complete contexts (a --context TAB): $(( ($(date +%s%N) - start) / 20 / 1000000 )) ms"
start=$(date +%s%N)
for ((k = 0; k < 20; k++)); do "$mesh" completion bash >/dev/null; done
echo "mesh completion bash (generate the script): $(( ($(date +%s%N) - start) / 20 / 1000000 )) ms"
