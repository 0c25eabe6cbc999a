#!/bin/sh
# Benchmark of `mesh webhook serve`: wrk posting one AdmissionReview over TLS on loopback.
# Usage: bench/webhook/run.sh [path/to/mesh] [duration, default 30s] [connections, default 32]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mesh=${1:-$root/build/mesh}
duration=${2:-30s}
connections=${3:-32}
port=${PORT:-18443}
review=${REVIEW:-$root/testdata/webhook/admissionreview-v1-pod-create-kubectl.json}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

"$mesh" webhook manifests --image bench --generate-certs "$work" >/dev/null
"$mesh" webhook serve --listen "127.0.0.1:$port" --tls-cert "$work/tls.crt" --tls-key "$work/tls.key" \
  --threads "${THREADS:-2}" 2>"$work/serve.log" &
pid=$!
rss() { awk '/^VmRSS/ {print $2 " kB"}' "/proc/$pid/status"; }
for _ in 1 2 3 4 5 6 7 8 9 10; do
  curl -skf "https://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
echo "rss_start $(rss)"
# A short warm-up so the start figure and the end figure compare a server that has met load.
REVIEW=$review wrk -t1 -c"$connections" -d3s -s "$here/review.lua" "https://127.0.0.1:$port" >/dev/null
echo "rss_after_warmup $(rss)"
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
cpu_before=$(cpu)
REVIEW=$review wrk -t1 -c"$connections" -d"$duration" --latency -s "$here/review.lua" "https://127.0.0.1:$port" \
  >"$work/wrk.out"
cpu_after=$(cpu)
grep -E '^(requests|reviews/s|p50_ms|p90_ms|p99_ms|max_ms|non_2xx|socket_errors)' "$work/wrk.out"
# Server CPU per review (user + system), a figure that other load on the machine disturbs less.
requests=$(awk '/^requests/ {print $2}' "$work/wrk.out")
awk -v t="$((cpu_after - cpu_before))" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
  'BEGIN { printf "server_cpu_us_per_review %.0f\n", t / hz * 1e6 / n }'
echo "load_average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rss_end $(rss)"
echo "rss_peak $(awk '/^VmHWM/ {print $2 " kB"}' "/proc/$pid/status")"
curl -sk "https://127.0.0.1:$port/metrics" | grep -E '^mesh_webhook_reviews_total\{result="(injected|invalid)"\}'
kill -TERM "$pid"
wait "$pid" && echo "exit_after_sigterm 0"
