#!/bin/sh
# Memory and CPU of large reviews: one AdmissionReview of about 4 MB (the kubectl corpus pod with
# a 3.8 MB annotation), posted once, then by N clients at once, to `mesh webhook serve` over TLS on
# loopback. SHAPE=env makes the pod's size many small nodes instead: SIZE environment variables
# {"name":"V1","value":"x"} in its first container, compact (about 30 bytes each); SHAPE=dense
# makes it the densest JSON a client can send, SIZE zeros in an array (`[0,0,...]`, two bytes a
# node), which no API server would send but a hostile client can.
# Usage: bench/webhook/large.sh [path/to/mesh] [clients at once, default 32] [SIZE, default 3800000]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mesh=${1:-$root/build/mesh}
clients=${2:-32}
size=${3:-3800000}
port=${PORT:-18444}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

corpus=$root/testdata/webhook/admissionreview-v1-pod-create-kubectl.json
if [ "${SHAPE:-annotation}" = dense ]; then
  jq -c --argjson n "$size" '.request.object.spec.dense = [range(0; $n) | 0]' "$corpus" >"$work/review.json"
elif [ "${SHAPE:-annotation}" = env ]; then
  jq -c --argjson n "$size" '.request.object.spec.containers[0].env = [range(0; $n) | {name: "V\(.)", value: "x"}]' \
    "$corpus" >"$work/review.json"
else
  jq --argjson n "$size" '.request.object.metadata.annotations.big = ("x" * $n)' "$corpus" >"$work/review.json"
fi
echo "review_bytes $(wc -c <"$work/review.json")"

"$mesh" webhook manifests --image bench --generate-certs "$work" >/dev/null
"$mesh" webhook serve --listen "127.0.0.1:$port" --tls-cert "$work/tls.crt" --tls-key "$work/tls.key" \
  --threads "${THREADS:-2}" 2>"$work/serve.log" &
pid=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
  curl -skf "https://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat"; }
post() { curl -sk -o "$1" -w '%{http_code}\n' -H 'Content-Type: application/json' \
  --data-binary "@$work/review.json" "https://127.0.0.1:$port/inject"; }

# One review: the server's CPU for it and how far its resident memory rose above the idle server's.
rss_idle=$(kb VmRSS)
cpu_before=$(cpu_ms)
status=$(post "$work/one.out")
echo "one_review_status $status"
echo "one_review_server_cpu_ms $(($(cpu_ms) - cpu_before))"
# The answer alone (no TLS, no HTTP): the server's own review timer.
curl -sk "https://127.0.0.1:$port/metrics" |
  awk '/^mesh_webhook_review_duration_seconds_sum/ {printf "one_review_answer_ms %.1f\n", $2 * 1000}'
echo "one_review_rss_idle_kb $rss_idle"
echo "one_review_peak_kb $(kb VmHWM) (+$(($(kb VmHWM) - rss_idle)))"

# N clients at once (each its own TLS connection).
i=0
while [ "$i" -lt "$clients" ]; do
  post "$work/many.$i.out" >>"$work/codes" &
  i=$((i + 1))
done
wait_start=$(date +%s)
while [ "$(wc -l <"$work/codes" 2>/dev/null || echo 0)" -lt "$clients" ]; do
  sleep 0.1
  [ $(($(date +%s) - wait_start)) -lt 120 ] || break
done
echo "concurrent_clients $clients"
echo "concurrent_statuses $(sort "$work/codes" | uniq -c | tr '\n' ' ')"
echo "concurrent_peak_kb $(kb VmHWM)"
echo "rss_end_kb $(kb VmRSS)"
echo "load_average $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$pid"
wait "$pid" && echo "exit_after_sigterm 0"
