-- POSTs the API reference's new-transaction webhook, each request with a referenceId of its own (the consumer
-- delivers a repeated referenceId once, answering the copy without running the route). The same script loads the
-- bare route, so both sides pay the same client cost.
-- Env: FINSIFY_TOKEN (sent as X-Finsify-Token), BENCH_RUN (makes ids unique across runs).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Finsify-Token"] = os.getenv("FINSIFY_TOKEN") or ""

local run = os.getenv("BENCH_RUN") or tostring(os.time())
local threads = {}
local counter = 0
local prefix = '{"login_id": 21000, "timestamp": 1467331200000, "accounts": [{"id": 19316}], "new": 1, "referenceId": "'

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, prefix .. "b" .. run .. "-" .. tid .. "-" .. counter .. '"}')
end

function done(summary, latency, requests)
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"err_connect":%d,"err_read":%d,"err_write":%d,' ..
    '"err_status":%d,"err_timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
