-- wrk script (run by scripts/load/wrk.ts, runWrkTimed): POST bodies for as long as -d says, each
-- with a fresh random clientId, so that every request is a new response and none is a retry.
-- Usage: wrk -tT -cC -dS -s wrk-timed.lua URL -- TEMPLATES_FILE SEED
-- The file holds one JSON body per line, each holding the placeholder clientId below once; the
-- requests go through the templates in turn. done() (wrk-report.lua) prints one JSON line for
-- the wrapper to read.

local PLACEHOLDER = "00000000-0000-4000-8000-000000000000"

-- setup(), answer counting and done(): in the file beside this script.
dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*/)") or "") .. "wrk-report.lua")

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
  reset_answers()
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
  count_answer(status, body)
end
