-- wrk script: every request is a Pod with a digest never seen before (a counter hashed into the
-- digest), so every request verifies inline (gate over the stored evidence) and records the
-- verification and the deployment. Paced like admission-recorded.lua.
local rate = tonumber(os.getenv("RATE") or "50")
local connections = tonumber(os.getenv("CONNECTIONS") or "4")
local token = os.getenv("TOKEN")
local template = io.open(os.getenv("BODY")):read("*a")
local counter = 0
local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
function init(args)
  math.randomseed(os.time() + (tid or 0) * 7919)
  prefix = string.format("%08x", math.random(0, 0x7fffffff))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
function request()
  counter = counter + 1
  local hex = prefix .. string.format("%056x", counter)
  local body = template:gsub("DIGESTHEX", hex)
  return wrk.format(nil, nil, nil, body)
end
function delay()
  return 1000 * connections / rate
end
local errors = 0
function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"allowed":true', 1, true) then
    errors = errors + 1
    if errors < 5 then io.stderr:write("unexpected: " .. status .. " " .. body:sub(1, 300) .. "\n") end
  end
end
function done(summary, latency, requests)
  io.write(string.format("requests %d; p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
