-- wrk script: each request a path drawn at random from a file, one path a line, as
-- `web_load.py --mix ledger --write-paths FILE` writes it. Prints p50/p95/p99 and the error counts.
--
--   WRK_PATHS=/tmp/paths.txt wrk -t2 -c50 -d60s --timeout 10s -s benchmarks/wrk_paths.lua http://127.0.0.1:8000
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS") or "paths.txt") do
  paths[#paths + 1] = line
end
local bad = 0

function setup(thread)
  thread:set("id", tostring(thread))
end

function init(args)
  math.randomseed(os.time() + tonumber(string.sub(tostring({}), 8), 16) % 100000)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("paths %d; requests %d in %.1f s: %.0f req/s\n", #paths, summary.requests,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency ms: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, timeout %d, non-2xx %d\n", e.connect, e.read,
    e.write, e.timeout, summary.errors.status))
end
