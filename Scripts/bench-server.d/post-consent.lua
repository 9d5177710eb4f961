-- wrk script: POST /v1/consents with a new visitor id on every request.
local banner_id = os.getenv("BANNER_ID")
local banner_hash = os.getenv("BANNER_HASH")
local version = os.getenv("POLICY_VERSION")
local counter = 0
math.randomseed(os.time())
local prefix = tostring(math.random(1, 1000000000))

request = function()
  counter = counter + 1
  local body = string.format(
    '{"visitor_id":"bench-%s-%d","granted":["newsletter","statistics"],"refused":[],"method":"accept_all",' ..
    '"banner":{"id":"%s","hash":"%s"},"policy_version":"%s","language":"fr","page_url":"https://exemple.fr/"}',
    prefix, counter, banner_id, banner_hash, version)
  return wrk.format("POST", "/v1/consents", { ["Content-Type"] = "application/json" }, body)
end
