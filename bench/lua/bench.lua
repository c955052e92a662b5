-- wrk script for bench/run.sh. Environment:
--   BENCH_MODE     fixed (default: the URL's path, as given) | zipf | cold
--   BENCH_PREFIX   path prefix of the contender for zipf/cold (e.g. /images, or empty for nginx)
--   BENCH_N        zipf: number of files; cold: unused
--   BENCH_ZIPF_S   zipf exponent (default 1.0)
--   BENCH_SEED     random seed (default 42); each wrk thread adds its own offset
--   BENCH_OFFSET   cold: first cold key index of this run
--   BENCH_THREADS  cold: wrk's -t (key i goes to thread i mod threads, so keys never repeat)
-- done() prints one parseable line: RESULT key=value ...
local mode = os.getenv("BENCH_MODE") or "fixed"
local prefix = os.getenv("BENCH_PREFIX") or ""

local next_tid = 0
local all_threads = {}
function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(all_threads, thread)
end

if mode == "zipf" then
  local n = tonumber(os.getenv("BENCH_N"))
  local s = tonumber(os.getenv("BENCH_ZIPF_S") or "1.0")
  local seed = tonumber(os.getenv("BENCH_SEED") or "42")
  local cdf = {}
  local floor = math.floor
  local random = math.random

  function init(args)
    local sum = 0
    for i = 1, n do
      sum = sum + 1 / (i ^ s)
      cdf[i] = sum
    end
    for i = 1, n do
      cdf[i] = cdf[i] / sum
    end
    math.randomseed(seed + 7919 * tid)
  end

  -- rank r (1 = most popular) is file r-1; sizes are random per file, so popularity and size
  -- are independent
  function request()
    local u = random()
    local lo, hi = 1, n
    while lo < hi do
      local mid = floor((lo + hi) / 2)
      if cdf[mid] < u then lo = mid + 1 else hi = mid end
    end
    local i = lo - 1
    return wrk.format(nil, string.format("%s/z/%02d/%05d.jpg", prefix, floor(i / 100), i))
  end
elseif mode == "cold" then
  offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
  threads = tonumber(os.getenv("BENCH_THREADS") or "1")
  count = 0 -- global, so that done() can read it from each thread

  function request()
    local i = offset + tid + count * threads
    count = count + 1
    return wrk.format(nil, string.format("%s/cold/%03d/%06d.jpg", prefix, math.floor(i / 1000), i))
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local extra = ""
  if mode == "cold" then
    -- the highest key any thread asked for, so the next run starts above it
    local max_key = offset - 1
    for _, t in ipairs(all_threads) do
      local c = t:get("count")
      if c > 0 then max_key = math.max(max_key, offset + t:get("tid") + (c - 1) * threads) end
    end
    extra = string.format(" max_key=%d", max_key)
  end
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d bytes=%d " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d%s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout, extra))
end
