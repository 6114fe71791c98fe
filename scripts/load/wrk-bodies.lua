-- wrk script (run by scripts/load/wrk.ts): POST each body of a file exactly once, then stop.
-- Usage: wrk -tT -c64 -d600s -s wrk-bodies.lua URL -- BODIES_FILE T
-- The file holds one JSON body per line. Each wrk thread takes every n-th line (its own share),
-- builds its requests as it goes (cheap in LuaJIT), waits once its share is sent and stops when
-- every answer is in. done() prints one JSON line for the wrapper to read.

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  local stride = tonumber(args[2]) or 1
  bodies = {}
  local line_no = 0
  for line in file:lines() do
    if line_no % stride == index then
      bodies[#bodies + 1] = line
    end
    line_no = line_no + 1
  end
  file:close()
  reserved = 0
  sent = 0
  answered = 0
  non2xx = 0
  statuses = ""
  -- wrk calls thread 0's request() once before the run, to check what it returns: that call
  -- must not use up a body.
  checked = index ~= 0
end

function delay()
  -- wrk calls request() a timer tick after delay(), and other connections may call delay()
  -- meanwhile: a body is taken here, so that no request() comes without one. A connection
  -- that finds none left waits far past the run's end.
  if reserved >= #bodies then return 3600000 end
  reserved = reserved + 1
  return 0
end

local headers = { ["Content-Type"] = "application/json" }

function request()
  if not checked then
    checked = true
    return wrk.format("POST", nil, headers, bodies[1])
  end
  sent = sent + 1
  return wrk.format("POST", nil, headers, bodies[sent])
end

function response(status, headers, body)
  answered = answered + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    -- The first few, for the wrapper's report (quotes, backslashes and controls would break its JSON).
    if non2xx <= 20 then statuses = statuses .. status .. " " .. string.sub(body, 1, 120):gsub('[%c"\\]', "'") .. " | " end
  end
  if answered >= #bodies then
    -- wrk's main thread sleeps out -d whatever the threads do: the wrapper interrupts it
    -- (SIGINT) once every thread has said so, and wrk then calls done().
    io.write("wrk-thread-done\n")
    io.flush()
    wrk.thread:stop()
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
