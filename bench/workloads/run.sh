#!/bin/bash
# `mesh check --once --workloads -A` at scale against the tests' loopback fakes: 5,000 pods on 201
# nodes, 200 l5d pods with fake admin servers. Needs a configured build/ (cmake -S . -B build).
# Usage: bench/workloads/run.sh [nodes] [pods] [rounds]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cmake --build "$root/build" -j1 --target mesh mesh_workloads_bench >/dev/null
ulimit -n "$(ulimit -Hn)"  # 200 admin servers and their connections
cd "$root"
exec ./build/tests/mesh_workloads_bench "${1:-201}" "${2:-5000}" "${3:-3}"
