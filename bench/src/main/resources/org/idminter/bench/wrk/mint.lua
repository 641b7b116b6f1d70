-- POST /v1/mint of WRK_KEYS new keys per request, unique per thread and request.
dofile(os.getenv("WRK_COMMON"))
local per = tonumber(os.getenv("WRK_KEYS"))
local run = os.getenv("WRK_RUN")
local n = 0
local headers = {["Content-Type"] = "application/json"}
function request()
  n = n + 1
  local parts = {}
  for i = 1, per do
    parts[i] = '{"key":"Work[wrk-' .. run .. '/' .. tostring(tid) .. '-' .. n .. '-' .. i .. ']"}'
  end
  return wrk.format("POST", "/v1/mint", headers, '{"requests":[' .. table.concat(parts, ",") .. ']}')
end
