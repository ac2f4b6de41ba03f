-- wrk script of bench/login-storm.sh: every request logs in one of the signed-up users (read
-- from the file named by STORM_USERS: "email<TAB>password" per line), round robin, with the
-- right password; counts answers that are not a successful login.
local users = {}
for line in io.lines(os.getenv("STORM_USERS")) do
  local email, password = line:match("^([^\t]+)\t(.+)$")
  users[#users + 1] = string.format(
    '{"query":"mutation($i: LoginInput!) { login(input: $i) { accessToken } }",' ..
    '"variables":{"i":{"email":"%s","password":"%s"}}}', email, password)
end
local next_user = 0
local failed = 0

function request()
  next_user = next_user % #users + 1
  return wrk.format("POST", "/graphql", { ["Content-Type"] = "application/json" },
                    users[next_user])
end

function response(status, headers, body)
  if status ~= 200 or not body:find('"accessToken"', 1, true) then
    failed = failed + 1
  end
end

local threads = {}
function setup(thread) threads[#threads + 1] = thread end

function done(summary, latency, requests)
  local failures = 0
  for _, thread in ipairs(threads) do failures = failures + (thread:get("failed") or 0) end
  io.write(string.format("storm: %d logins in %.1f s (%.1f/s), %d failed, " ..
    "latency p50 %.0f ms, p99 %.0f ms\n", summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6), failures + summary.errors.status,
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3))
end
