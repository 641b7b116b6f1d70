-- Shared by every idminter wrk script: threads number themselves (setup), and the summary is printed
-- as one machine-readable line: RESULT requests seconds errors non2xx p50_us p99_us p999_us.
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %d %d %d %d %d\n", summary.requests,
    summary.duration / 1e6, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
end
