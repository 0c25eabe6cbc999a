#!/bin/sh
# Formats every C++ file the way CI checks it (.clang-format; clang-format 14 from Debian 12:
# apt-get install clang-format). `scripts/format.sh --check` changes nothing and fails on a
# difference, as CI runs it.
set -eu
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--check" ]; then
  git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror
else
  git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
fi
