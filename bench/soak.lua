-- wrk script for bench/soak.sh: POSTs $BENCH_BODY with $BENCH_KEY, paced by $SOAK_DELAY_MS per connection between
-- requests (wrk has no rate option; delay() is its pacing hook), and counts 5xx answers, which wrk lumps with 4xx.
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-functions-key"] = os.getenv("BENCH_KEY")
local pause = tonumber(os.getenv("SOAK_DELAY_MS") or "0")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  server_errors = 0
  client_errors = 0
end

function delay()
  return pause
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status >= 400 then
    client_errors = client_errors + 1
  end
end

function done(summary, latency, requests)
  local s5, s4 = 0, 0
  for _, thread in ipairs(threads) do
    s5 = s5 + thread:get("server_errors")
    s4 = s4 + thread:get("client_errors")
  end
  io.write(string.format("SOAK requests=%d p50_us=%d p99_us=%d errors_5xx=%d errors_4xx=%d socket_errors=%d duration_us=%d\n",
    summary.requests, latency:percentile(50), latency:percentile(99), s5, s4,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.duration))
end
