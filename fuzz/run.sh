#!/bin/bash
# Explores with one fuzz target for as long as you like (not CI: CI runs a fixed seed and run count
# through .ci/fuzz-one). New interesting inputs stay in a scratch corpus; reproducers are saved in
# fuzz-findings/. Add each reproducer to testdata/fuzz/<name>/ with a test of the fixed behaviour.
#
#   CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DMESH_FUZZ=ON -DMESH_SANITIZE=ON -DMESH_TESTS=OFF
#   cmake --build build-fuzz
#   fuzz/run.sh build-fuzz/fuzz/manifest_fuzzer 600 2     # 10 minutes, 2 workers
set -euo pipefail
target=${1:?usage: fuzz/run.sh BUILD/fuzz/NAME_fuzzer [SECONDS] [WORKERS]}
seconds=${2:-300}
workers=${3:-1}
name=$(basename "$target" _fuzzer)
scratch=${FUZZ_SCRATCH:-/tmp/mesh-fuzz-$name}
mkdir -p "$scratch" fuzz-findings
seeds=()
[ -d "testdata/fuzz/$name" ] && seeds=("testdata/fuzz/$name")
exec "$target" -max_total_time="$seconds" -jobs="$workers" -workers="$workers" -rss_limit_mb=2048 \
  -timeout=10 -max_len=16384 -print_final_stats=1 -artifact_prefix="fuzz-findings/$name-" \
  "$scratch" "${seeds[@]}"
