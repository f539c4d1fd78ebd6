-- wrk script: POST the JSON body in $BENCH_BODY, with the function key in $BENCH_KEY when set.
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("BENCH_KEY")
if key and key ~= "" then
  wrk.headers["x-functions-key"] = key
end
