#!/bin/bash
# mesh inject against the Go sigs.k8s.io/yaml round trip, side by side in one run, on a generated
# manifest of N Deployments (default 10,000, ~35 MB). Prints MB/s, the ratio and peak RSS.
# Needs: build/mesh (or MESH=path), python3, golang-go and golang-k8s-sigs-yaml-dev (apt-get install them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-10000}
runs=${RUNS:-3}
mesh=${MESH:-$root/build/mesh}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/gen.py" "$n" > "$work/manifest.yaml"
size=$(stat -c %s "$work/manifest.yaml")
mkdir -p "$work/gopath/src/k8sroundtrip"
cp "$here/k8s_roundtrip.go" "$work/gopath/src/k8sroundtrip/main.go"
(cd "$work/gopath/src/k8sroundtrip" && GO111MODULE=off GOPATH="$work/gopath:/usr/share/gocode" GOFLAGS=-mod=mod go build -o "$work/k8s_roundtrip" . 2>/dev/null ||
 cd "$work/gopath/src/k8sroundtrip" && GO111MODULE=off GOPATH="$work/gopath:/usr/share/gocode" go build -o "$work/k8s_roundtrip" .)

best() { # best wall time, its peak RSS and its CPU (user + sys) over $runs runs of: $@ < manifest > /dev/null
  local best_s=999999 best_kb=0 best_cpu=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" < "$work/manifest.yaml" > /dev/null 2>"$work/stderr" || { cat "$work/stderr"; exit 1; }
    read -r s kb u sys < "$work/time"
    if awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_kb=$kb; best_cpu=$(awk "BEGIN{print $u + $sys}"); fi
  done
  echo "$best_s $best_kb $best_cpu"
}
read -r mesh_s mesh_kb mesh_cpu < <(best "$mesh" inject -f - --report none)
read -r go_s go_kb go_cpu < <(best "$work/k8s_roundtrip")
mb=$(awk "BEGIN{print $size/1048576}")
awk -v mb="$mb" -v ms="$mesh_s" -v mk="$mesh_kb" -v mc="$mesh_cpu" -v gs="$go_s" -v gk="$go_kb" -v gc="$go_cpu" \
    -v n="$n" -v cores="$(nproc)" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN{
  printf "load average: %s\n", load;
  printf "input: %d Deployments, %.1f MiB, %d cores, best of runs\n", n, mb, cores;
  printf "mesh inject:              %6.2f s  %7.1f MiB/s  CPU %6.2f s  peak RSS %6.1f MiB (%.2fx input)\n", ms, mb/ms, mc, mk/1024, mk/1024/mb;
  printf "Go sigs.k8s.io/yaml trip: %6.2f s  %7.1f MiB/s  CPU %6.2f s  peak RSS %6.1f MiB\n", gs, mb/gs, gc, gk/1024;
  printf "mesh/Go: wall %.2fx, per CPU second %.2fx (goals: 30 MiB/s wall, 5x per CPU second, RSS under 2x input)\n", gs/ms, gc/mc }'
