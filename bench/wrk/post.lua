-- wrk script: POST the body in BODY_FILE with the Accept header in ACCEPT
local f = io.open(os.getenv("BODY_FILE"), "rb"); local body = f:read("*a"); f:close()
wrk.method = "POST"; wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = os.getenv("ACCEPT") or "application/json"
function response(status, headers, body) if status ~= 200 then io.stderr:write("status " .. status .. "\n") end end
