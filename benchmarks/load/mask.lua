-- wrk script: POST /v1/mask with the bodies of mask-bodies.txt, in turn (path in BODIES).
local bodies = {}
local counter = 0

function init(args)
  for line in io.lines(os.getenv("BODIES")) do
    bodies[#bodies + 1] = wrk.format("POST", "/v1/mask", {["Content-Type"] = "application/json"}, line)
  end
end

function request()
  counter = counter % #bodies + 1
  return bodies[counter]
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. "\n")
    os.exit(1)
  end
end
