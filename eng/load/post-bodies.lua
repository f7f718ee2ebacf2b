-- wrk script: POST one prepared body per request to $POD_LOAD_PATH, each body once. The bodies are the lines of
-- $POD_LOAD_BODIES; thread i of $POD_LOAD_THREADS takes lines i, i+n, i+2n, ... When a thread runs out it posts its last
-- body again and counts it as "reused" (a reused /issue body is an idempotent replay, not an issuance: the run is then
-- invalid). With $POD_LOAD_CYCLE set, every thread posts every line, round and round (the one /verify body). With
-- $POD_LOAD_COPIES=k, each body is posted k times in a row (not counted as reused): with k the thread's connections, its
-- connections post the same fresh body at about the same time, concurrent idempotent retries (eng/load/retries.sh).
-- Answers other than $POD_LOAD_EXPECT (default 200) are counted and printed by done().
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(os.getenv("POD_LOAD_THREADS"))
  cycle = os.getenv("POD_LOAD_CYCLE") ~= nil
  if cycle then n = 1; id = 0 end
  path = os.getenv("POD_LOAD_PATH")
  expect = tonumber(os.getenv("POD_LOAD_EXPECT") or "200")
  bodies = {}
  local i = 0
  for line in io.lines(os.getenv("POD_LOAD_BODIES")) do
    if i % n == id then table.insert(bodies, line) end
    i = i + 1
  end
  copies = tonumber(os.getenv("POD_LOAD_COPIES") or "1")
  sent = 0
  reused = 0
  unexpected = 0
end

function request()
  sent = sent + 1
  local index = math.floor((sent - 1) / copies) + 1
  if index > #bodies and cycle then
    index = (index - 1) % #bodies + 1
  elseif index > #bodies then
    reused = reused + 1
    index = #bodies
  end
  return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, bodies[index])
end

function response(status, headers, body)
  if status ~= expect then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local r, u = 0, 0
  for _, t in ipairs(threads) do
    r = r + t:get("reused")
    u = u + t:get("unexpected")
  end
  io.write(string.format("POD requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f unexpected=%d reused=%d socket_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    u, r, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
