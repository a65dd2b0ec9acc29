-- wrk script: signed-in GETs over Onward's main pages, counting answers that are not 2xx.
local paths = {
  "/dashboard/", "/applications/", "/applications/board/", "/companies/",
  "/rejections/", "/lessons/", "/contacts/", "/feedback/", "/reminders/",
}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  non2xx = 0
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path)
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
  io.write(string.format("Requests per second: %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("Latency p50: %.1f ms, p99: %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("Non-2xx answers: %d of %d\n", bad, summary.requests))
end
