#!/bin/sh
# mesh status --once against N fake Linkerd admin servers, side by side with
# curl --parallel --parallel-max 32 fetching the same N metrics URLs. Prints the median wall times,
# their ratio and mesh's peak RSS. Usage: bench/status/run.sh [build/mesh] [N] [rounds]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mesh=${1:-$here/../../build/mesh}
count=${2:-1000}
rounds=${3:-5}
metrics=${METRICS:-$here/../../testdata/admin/linkerd-metrics-tree.json}
work=$(mktemp -d)
python3 "$here/fake_proxies.py" --count "$count" --metrics "$metrics" --out "$work" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT INT TERM
while [ ! -e "$work/ready" ]; do sleep 0.1; done

# The same two requests a proxy that mesh makes (metrics + server_info for the version).
sed 's#/admin/metrics.json?tree=1#/admin/server_info#' "$work/curl.cfg" > "$work/curl-info.cfg"

# date, not python3: a clock read must cost next to nothing, as it falls inside the intervals timed
# (python3 takes 0.4 s to start here, which once added about 0.3 s to every interval).
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b - a}'; }
mesh_times=""; curl_times=""; both_times=""; rss=0
for i in $(seq "$rounds"); do
    t0=$(now)
    /usr/bin/time -f %M -o "$work/rss" "$mesh" status --once --parallel 32 --proxies-file "$work/proxies.txt" > "$work/out.txt"
    t1=$(now)
    curl --parallel --parallel-max 32 -s -K "$work/curl.cfg" 2>/dev/null
    t2=$(now)
    curl --parallel --parallel-max 32 -s -K "$work/curl.cfg" -K "$work/curl-info.cfg" 2>/dev/null
    t3=$(now)
    both_times="$both_times $(since "$t2" "$t3")"
    grep -q "^$count proxies: $count up" "$work/out.txt" || { echo "mesh did not see every proxy up:" >&2; tail -3 "$work/out.txt" >&2; exit 1; }
    mesh_times="$mesh_times $(since "$t0" "$t1")"
    curl_times="$curl_times $(since "$t1" "$t2")"
    r=$(cat "$work/rss"); [ "$r" -gt "$rss" ] && rss=$r
done
python3 - "$count" "$rss" "$mesh_times" "$curl_times" "$both_times" <<'PY'
import statistics, sys
count, rss = int(sys.argv[1]), int(sys.argv[2])
m = [float(x) for x in sys.argv[3].split()]
c = [float(x) for x in sys.argv[4].split()]
b = [float(x) for x in sys.argv[5].split()]
mm, cm = statistics.median(m), statistics.median(c)
print(f"proxies: {count}, rounds: {len(m)}")
print(f"mesh status --once : median {mm:.3f} s  (runs: {', '.join(f'{x:.3f}' for x in m)})")
print(f"curl --parallel 32 : median {cm:.3f} s  (runs: {', '.join(f'{x:.3f}' for x in c)})")
print(f"ratio mesh/curl    : {mm / cm:.2f}  (goal <= 1.2, issue 12)")
bm = statistics.median(b)
print(f"curl, metrics + server_info (mesh's 2 requests a proxy): median {bm:.3f} s; mesh/that {mm / bm:.2f}")
print(f"mesh peak RSS      : {rss / 1024:.1f} MiB  (goal < 100)")
PY
