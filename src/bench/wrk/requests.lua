-- Sends the requests listed in a file, one per line, rotating through them.
--
-- Environment (read by every wrk thread):
--   BENCH_REQUESTS  the file; each line is METHOD<TAB>PATH<TAB>AUTHORIZATION<TAB>IF-MATCH<TAB>BODY
--                   (empty fields allowed; a BODY is sent as application/json)
--   BENCH_ONCE      "1": each line is sent once over all threads (thread i of n takes lines
--                   i, i+n, i+2n, ...), never repeated: once a thread's share is used up its
--                   connections idle (wrk's own timeout count then means nothing, so the answers are
--                   counted here, every one other than 2xx an error); otherwise every thread rotates
--                   through all lines forever, each starting at its own offset
--   BENCH_THREADS   wrk's thread count (-t)
--   BENCH_FIRST / BENCH_LAST   only lines FIRST..LAST (1-based, inclusive) of the file
-- At the end it prints one line "BENCH_RESULT {json}" with the counts and latency percentiles (µs).

local threads = {}
local thread_count = 0

local function split_tabs(line)
    local fields = {}
    local start = 1
    while true do
        local tab = string.find(line, "\t", start, true)
        if not tab then
            fields[#fields + 1] = string.sub(line, start)
            return fields
        end
        fields[#fields + 1] = string.sub(line, start, tab - 1)
        start = tab + 1
    end
end

local function load_lines()
    local file = assert(io.open(assert(os.getenv("BENCH_REQUESTS"), "BENCH_REQUESTS not set"), "r"))
    local lines = {}
    for line in file:lines() do
        if line ~= "" then
            lines[#lines + 1] = line
        end
    end
    file:close()
    local first = tonumber(os.getenv("BENCH_FIRST") or "1")
    local last = tonumber(os.getenv("BENCH_LAST") or tostring(#lines))
    local chosen = {}
    for i = first, math.min(last, #lines) do
        chosen[#chosen + 1] = lines[i]
    end
    return chosen
end

-- wrk runs each thread's init() right after that thread's setup(), before the next thread exists:
-- the number of threads comes from BENCH_THREADS (wrk's -t), not from counting setups.
function setup(thread)
    thread:set("thread_index", thread_count)
    thread:set("thread_total", tonumber(os.getenv("BENCH_THREADS") or "1"))
    thread_count = thread_count + 1
    threads[#threads + 1] = thread
end

local prepared = {}
local position = 0
local once = false

function init(args)
    once = os.getenv("BENCH_ONCE") == "1"
    local lines = load_lines()
    for i, line in ipairs(lines) do
        local mine = (not once) or ((i - 1) % thread_total == thread_index)
        if mine then
            local f = split_tabs(line)
            local headers = {}
            if f[3] and f[3] ~= "" then
                headers["Authorization"] = f[3]
            end
            if f[4] and f[4] ~= "" then
                headers["If-Match"] = f[4]
            end
            local body = nil
            if f[5] and f[5] ~= "" then
                body = f[5]
                headers["Content-Type"] = "application/json"
            end
            headers["Accept"] = "application/json"
            prepared[#prepared + 1] = wrk.format(f[1], f[2], headers, body)
        end
    end
    if #prepared == 0 then
        error("no requests for this thread")
    end
    if not once then
        position = (thread_index * math.floor(#prepared / math.max(thread_total, 1))) % #prepared
    end
end

function request()
    if once and position >= #prepared then
        -- used up: this connection sends nothing more (an empty request writes no bytes) while the
        -- thread goes on reading the answers still on their way
        exhausted = 1
        return ""
    end
    position = position + 1
    if position > #prepared then
        position = 1
    end
    return prepared[position]
end

good, bad, exhausted = 0, 0, 0

-- Only in BENCH_ONCE mode (a response callback costs wrk time): every answer other than 2xx is an error.
if os.getenv("BENCH_ONCE") == "1" then
    function response(status, headers, body)
        if status >= 200 and status < 300 then
            good = good + 1
        else
            bad = bad + 1
            if not first_bad then
                first_bad = status .. " " .. string.sub(string.gsub(body or "", "%s+", " "), 1, 400)
            end
        end
    end
end

function done(summary, latency, requests)
    local errors = summary.errors
    local g, b, x = 0, 0, 0
    for _, t in ipairs(threads) do
        g = g + (t:get("good") or 0)
        b = b + (t:get("bad") or 0)
        x = x + (t:get("exhausted") or 0)
        local fb = t:get("first_bad")
        if fb then
            print("BENCH_FIRST_BAD " .. fb)
        end
    end
    print(string.format(
        'BENCH_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "good": %d, "bad": %d, "exhausted_threads": %d, ' ..
        '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
        '"latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}}',
        summary.requests, summary.duration, summary.bytes, g, b, x,
        errors.connect, errors.read, errors.write, errors.status, errors.timeout,
        latency:percentile(50), latency:percentile(90), latency:percentile(95),
        latency:percentile(99), latency.max, latency.mean))
end
