-- wrk script for the benchmark and the load test (bench/benchmark.py, bench/loadtest.py).
--
-- Arguments after "--":
--   a path (repeatable)  send these paths in turn instead of the URL's own path
--   --bust               add a unique query string to every request, to get past page caches
--   --count              count responses per HTTP status (slower: wrk hands every response to Lua)
-- At the end it prints one line, "WRKJSON {...}", with the totals, the latency percentiles
-- in microseconds and, with --count, the responses per status.

-- Every request says what a browser says it can decode: pages and static files come
-- compressed, as visitors get them.
wrk.headers["Accept-Encoding"] = "gzip, deflate, br, zstd"

local threads = {}
local next_id = 0
-- Names this run in --bust query strings: a page cached by an earlier run (the warm-up) must
-- not answer this one.
math.randomseed(os.time())
local run = string.format("%x%06x", os.time(), math.random(0, 0xffffff))

function setup(thread)
   next_id = next_id + 1
   thread:set("id", run .. "-" .. next_id)
   table.insert(threads, thread)
end

local paths = {}
local bust = false
local counter = 0
statuses = {}

function init(args)
   local count = false
   for _, arg in ipairs(args) do
      if arg == "--bust" then
         bust = true
      elseif arg == "--count" then
         count = true
      else
         table.insert(paths, arg)
      end
   end
   -- wrk asks after init whether these exist: a fixed request is fastest, and without a
   -- response function wrk never hands responses to Lua.
   if #paths == 0 and not bust then
      request = nil
   end
   if not count then
      response = nil
   end
end

function request()
   counter = counter + 1
   local path = wrk.path
   if #paths > 0 then
      path = paths[(counter % #paths) + 1]
   end
   if bust then
      local separator = "?"
      if string.find(path, "?", 1, true) then
         separator = "&"
      end
      path = path .. separator .. "nocache=" .. id .. "-" .. counter
   end
   return wrk.format(nil, path)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local totals = {}
   for _, thread in ipairs(threads) do
      local counted = thread:get("statuses") or {}
      for status, n in pairs(counted) do
         totals[status] = (totals[status] or 0) + n
      end
   end
   local parts = {}
   for status, n in pairs(totals) do
      table.insert(parts, string.format('"%d": %d', status, n))
   end
   local e = summary.errors
   io.write(string.format(
      'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, '
         .. '"write": %d, "status": %d, "timeout": %d, "p50": %d, "p90": %d, "p95": %d, '
         .. '"p99": %d, "max": %d, "statuses": {%s}}\n',
      summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
      e.status, e.timeout, latency:percentile(50), latency:percentile(90),
      latency:percentile(95), latency:percentile(99), latency.max, table.concat(parts, ", ")
   ))
end
