-- wrk script (run by scripts/load/wrk.ts, runWrkTimed): POST bodies for as long as -d says, each
-- with a fresh random clientId, so that every request is a new response and none is a retry.
-- Usage: wrk -tT -cC -dS -s wrk-timed.lua URL -- TEMPLATES_FILE SEED
-- The file holds one JSON body per line, each holding the placeholder clientId below once; the
-- requests go through the templates in turn. done() prints one JSON line for the wrapper to read.

local PLACEHOLDER = "00000000-0000-4000-8000-000000000000"

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  heads, tails = {}, {}
  for line in file:lines() do
    local from, to = string.find(line, PLACEHOLDER, 1, true)
    assert(from, "a template without the placeholder clientId " .. PLACEHOLDER)
    heads[#heads + 1] = string.sub(line, 1, from - 1)
    tails[#tails + 1] = string.sub(line, to + 1)
  end
  file:close()
  assert(#heads > 0, "no templates in " .. args[1])
  -- Each thread its own sequence: LuaJIT seeds every state alike.
  math.randomseed(tonumber(args[2]) + index * 7919)
  next_template = index
  answered = 0
  non2xx = 0
  statuses = ""
end

local random, format = math.random, string.format
local headers = { ["Content-Type"] = "application/json" }

-- A version 4 UUID (random; variant 10xx), 16 bits at a time.
local function uuid()
  return format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x",
    random(0, 0xffff), random(0, 0xffff), random(0, 0xffff), random(0, 0xfff),
    0x8000 + random(0, 0x3fff), random(0, 0xffff), random(0, 0xffff), random(0, 0xffff))
end

function request()
  local t = next_template % #heads + 1
  next_template = next_template + 1
  return wrk.format("POST", nil, headers, heads[t] .. uuid() .. tails[t])
end

function response(status, headers, body)
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
