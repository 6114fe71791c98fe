-- wrk script (run by scripts/load/wrk.ts): POST each body of a file exactly once, then stop.
-- Usage: wrk -tT -c64 -d600s -s wrk-bodies.lua URL -- BODIES_FILE T
-- The file holds one JSON body per line. Each wrk thread takes every n-th line (its own share),
-- builds its requests as it goes (cheap in LuaJIT), waits once its share is sent and stops when
-- every answer is in. done() (wrk-report.lua) prints one JSON line for the wrapper to read.

-- setup(), answer counting and done(): in the file beside this script.
dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*/)") or "") .. "wrk-report.lua")

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
  reset_answers()
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
  count_answer(status, body)
  if answered >= #bodies then
    -- wrk's main thread sleeps out -d whatever the threads do: the wrapper interrupts it
    -- (SIGINT) once every thread has said so, and wrk then calls done().
    io.write("wrk-thread-done\n")
    io.flush()
    wrk.thread:stop()
  end
end
