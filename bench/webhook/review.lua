-- wrk script: POST one AdmissionReview (the file named by $REVIEW) to /inject, and print the
-- latency percentiles and the non-2xx count when done.
wrk.method = "POST"
wrk.path = "/inject"
wrk.headers["Content-Type"] = "application/json"
local file = assert(io.open(os.getenv("REVIEW"), "rb"))
wrk.body = file:read("*a")
file:close()

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("requests %d\nreviews/s %.0f\n", summary.requests, summary.requests / seconds))
  io.write(string.format("p50_ms %.3f\np90_ms %.3f\np99_ms %.3f\nmax_ms %.3f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non_2xx %d\nsocket_errors %d\n", summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
