-- Shared by wrk-bodies.lua and wrk-timed.lua (each loads it with dofile): registers wrk's threads,
-- counts each thread's answers, and done() prints one JSON line for scripts/load/wrk.ts to read.
-- A script calls reset_answers() in its init() and count_answer() in its response().

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function reset_answers()
  answered = 0
  non2xx = 0
  statuses = ""
end

function count_answer(status, body)
  answered = answered + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    -- The first few, for the wrapper's report (quotes, backslashes and controls would break its JSON).
    if non2xx <= 20 then statuses = statuses .. status .. " " .. string.sub(body, 1, 120):gsub('[%c"\\]', "'") .. " | " end
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  local statuses = ""
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    ok = ok + thread:get("answered") - thread:get("non2xx")
    statuses = statuses .. thread:get("statuses")
  end
  local e = summary.errors
  io.write(string.format(
    '{"durationUs":%d,"answered":%d,"ok":%d,"non2xx":%d,"socketErrors":%d,"timeouts":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"failures":"%s"}\n',
    summary.duration, ok + bad, ok, bad, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, statuses))
end
