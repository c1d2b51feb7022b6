-- wrk script: POST /v1/events with the NDJSON body in EVENTS; `done` prints MB/s of input.
local file = io.open(os.getenv("EVENTS"), "rb")
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.path = "/v1/events"
wrk.headers["Content-Type"] = "application/x-ndjson"
wrk.body = body

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. "\n")
    os.exit(1)
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("events: %d requests of %d bytes in %.2f s: %.1f MB/s of input\n",
    summary.requests, #body, seconds, summary.requests * #body / seconds / 1e6))
end
