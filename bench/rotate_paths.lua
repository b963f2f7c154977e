-- wrk script for bench/api_search.py: rotates through a pool of request paths and prints the
-- figures as one JSON line ("WRK_RESULT {...}") that the Python driver reads.
--
--   wrk -t2 -c50 -d15s -s bench/rotate_paths.lua http://127.0.0.1:8000 -- paths.txt
--
-- paths.txt holds one path with its query string per line, e.g. /v1/offers?postal_code=44137.
-- With BENCH_RATE_PER_THREAD set, each wrk thread sends at most that many requests per second
-- (a paced run instead of a saturating one); wrk's latency does not include the wait.

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("no request paths in " .. tostring(args[1]))
  end
  -- Threads start at different places in the pool, so they do not ask the same thing in lockstep.
  position = (thread_number * math.floor(#paths / 2 + 1)) % #paths
  non_2xx = 0
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
  end
end

local rate = tonumber(os.getenv("BENCH_RATE_PER_THREAD") or "")
if rate and rate > 0 then
  local ffi = require("ffi")
  ffi.cdef([[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock_id, bench_timespec *tp);
  ]])
  local CLOCK_MONOTONIC = 1
  local now = ffi.new("bench_timespec")
  local interval_ms = 1000 / rate
  local next_slot_ms = nil

  local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, now)
    return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
  end

  -- Called by wrk after each response: how long this connection waits before its next request.
  -- Slots are handed out every interval_ms per thread; a late slot is not made up later, so the
  -- rate never exceeds the target, and falls below it only when the server cannot keep up.
  function delay()
    local current = now_ms()
    local slot = math.max(next_slot_ms or current, current)
    next_slot_ms = slot + interval_ms
    return math.floor(slot - current + 0.5)
  end
end

function done(summary, latency, requests)
  local non_2xx_total = 0
  for _, thread in ipairs(threads) do
    non_2xx_total = non_2xx_total + (thread:get("non_2xx") or 0)
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p75_us": %d, ' ..
    '"p90_us": %d, "p95_us": %d, "p99_us": %d, "p99_9_us": %d, "max_us": %d, "mean_us": %.1f, ' ..
    '"connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "timeouts": %d, "status_errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(75), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean,
    errors.connect, errors.read, errors.write, errors.timeout, errors.status, non_2xx_total
  ))
end
