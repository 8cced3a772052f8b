-- wrk script: POST one AdmissionReview (a Pod whose image is pinned by a digest already decided,
-- so every request is answered from the decision cache) at a fixed rate per connection.
-- RATE (requests/s, whole run) and CONNECTIONS come from the environment: delay() paces each
-- connection to RATE/CONNECTIONS requests per second.
local rate = tonumber(os.getenv("RATE") or "500")
local connections = tonumber(os.getenv("CONNECTIONS") or "10")
local token = os.getenv("TOKEN")
local body = io.open(os.getenv("BODY")):read("*a")
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
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
  io.write(string.format("requests %d, non-2xx or not allowed: see stderr; p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
