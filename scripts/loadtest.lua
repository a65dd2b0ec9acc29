-- wrk script for scripts/loadtest.py: GETs of the URL wrk was given, counting answers
-- that are not 2xx; at the end one line "LOADTEST {json}" with the counts and every
-- latency recorded (microseconds, count), which loadtest.py merges across servers.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
  end
  local e = summary.errors
  local pairs_ = {}
  for i = 1, #latency do
    local value, count = latency(i)
    table.insert(pairs_, string.format("[%d,%d]", value, count))
  end
  io.write(string.format(
    'LOADTEST {"requests": %d, "duration_us": %d, "non2xx": %d, "connect": %d, ' ..
    '"read": %d, "write": %d, "timeout": %d, "latency": [%s]}\n',
    summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
    table.concat(pairs_, ",")))
end
