-- wrk script: every request issues one certificate, as a client of the service would.
wrk.method = "POST"
wrk.body = '{"domains":["localhost","bench.localhost"],"ip_addresses":["127.0.0.1"]}'
wrk.headers["Content-Type"] = "application/json"

local statuses = {}

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("p50_ms=%.3f p99_ms=%.3f requests=%d errors=%d rps=%.1f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6)))
end
