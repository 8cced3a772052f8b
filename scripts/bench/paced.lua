-- wrk script for scripts/bench/admission-bench.sh and incident-bench.sh: POSTs the body in $BODY
-- (an AdmissionReview) or GETs, at a fixed rate. delay() paces each of $CONNECTIONS connections to
-- $RATE/$CONNECTIONS requests per second (a slow answer delays its connection's next request, so
-- the rate reached says whether the server kept up). With FIRST_SEEN=1 every request replaces
-- DIGESTHEX in the body with a digest never sent before (a random prefix per thread and a counter),
-- so each one is verified inline. With PATHS=FILE the GETs cycle through its paths (one a line).
local rate = tonumber(os.getenv("RATE") or "500")
local connections = tonumber(os.getenv("CONNECTIONS") or "10")
local first_seen = os.getenv("FIRST_SEEN") == "1"
-- BODY unset: a GET of the same URL path with the same token (the baseline run: GET /v1/whoami).
local template = os.getenv("BODY") and io.open(os.getenv("BODY")):read("*a") or nil
local expect = os.getenv("EXPECT") or '"allowed":true'
local paths = {}
if os.getenv("PATHS") then for line in io.lines(os.getenv("PATHS")) do if line ~= "" then paths[#paths + 1] = line end end end
local counter, threads = 0, 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  math.randomseed(os.time() + (tid or 0) * 7919)
  prefix = string.format("%08x", math.random(0, 0x7fffffff))
end
wrk.method = template and "POST" or "GET"
wrk.body = template
if template then wrk.headers["Content-Type"] = "application/json" end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
function request()
  if #paths > 0 then
    -- Thread t of THREADS takes paths t, t + THREADS, …: no path is asked twice until the list is used up.
    counter = counter + 1
    local stride = tonumber(os.getenv("THREADS") or "1")
    return wrk.format(nil, paths[((counter - 1) * stride + (tid or 1) - 1) % #paths + 1])
  end
  if not first_seen then return wrk.format() end
  counter = counter + 1
  return wrk.format(nil, nil, nil, (template:gsub("DIGESTHEX", prefix .. string.format("%056x", counter))))
end
-- Each connection pauses RATE/CONNECTIONS on average between answer and next request. With a fixed
-- pause every connection started at the same instant stays in step with the others, and the server
-- sees bursts of up to CONNECTIONS simultaneous requests instead of RATE spread over the second.
-- The pause is therefore drawn uniformly from 0.5–1.5 times the mean (same mean rate), so arrivals
-- spread out as independent callers' would. PACING=fixed restores the fixed pause.
local jitter = os.getenv("PACING") ~= "fixed"
function delay()
  local mean = 1000 * connections / rate
  if jitter then return mean * (0.5 + math.random()) end
  return mean
end
local unexpected = 0
function response(status, headers, body)
  -- Every answer must be a 200 with $EXPECT in it (by default an AdmissionReview that allows: the
  -- benchmark's digests pass the policy).
  if status ~= 200 or not string.find(body, expect, 1, true) then
    unexpected = unexpected + 1
    if unexpected <= 3 then io.stderr:write("unexpected answer: " .. status .. " " .. body:sub(1, 300) .. "\n") end
  end
end
function done(summary, latency, requests)
  io.write(string.format("requests %d, errors %d; latency p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000))
end
