-- Closures, upvalues, varargs, coroutines, goto, integer for loops.
local function counter()
  local n = 0
  return function() n = n + 1 return n end, function() return n end
end
local inc, get = counter()
inc(); inc(); inc()
local inc2 = counter()
inc2()
print(get(), inc2())

-- closures capturing loop variables (fresh per iteration)
local fs = {}
for i = 1, 5 do fs[i] = function() return i * i end end
local r = {}
for i = 1, 5 do r[i] = fs[i]() end
print(table.concat(r, " "))

-- shared upvalue between closures
local function pair()
  local v = 0
  return function(x) v = v + x end, function() return v end
end
local add, val = pair()
for i = 1, 100 do add(i) end
print(val())

-- varargs
local function va(...)
  local n = select("#", ...)
  local t = {...}
  return n, #t, (select(2, ...))
end
print(va(1, nil, 3))
print(va())
local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + n) end
print(tail(20000, 0))

-- higher order: map/filter/reduce, compose, memoize
local function map(t, f) local o = {} for i, v in ipairs(t) do o[i] = f(v) end return o end
local function filter(t, f) local o = {} for _, v in ipairs(t) do if f(v) then o[#o + 1] = v end end return o end
local function reduce(t, f, a) for _, v in ipairs(t) do a = f(a, v) end return a end
local nums = {}
for i = 1, 50 do nums[i] = i end
local sq = map(nums, function(x) return x * x end)
local ev = filter(sq, function(x) return x % 2 == 0 end)
print(#ev, reduce(ev, function(a, b) return a + b end, 0))
local function compose(f, g) return function(...) return f(g(...)) end end
print(compose(function(x) return x + 1 end, function(x, y) return x * y end)(6, 7))
local calls = 0
local function memo(f)
  local cache = {}
  return function(n) local v = cache[n] if v == nil then v = f(n) cache[n] = v end return v end
end
local mfib
mfib = memo(function(n) calls = calls + 1 if n < 2 then return n end return mfib(n - 1) + mfib(n - 2) end)
print(mfib(80), calls)

-- coroutines: generators, passing values both ways, status, wrap, yield across pcall
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i, i * i) end return "done" end)
end
local g = gen(4)
local outs = {}
for _ = 1, 5 do local a, b = g() outs[#outs + 1] = tostring(a) .. ":" .. tostring(b) end
print(table.concat(outs, " "))

local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "end", d + e
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co), coroutine.resume(co))
print(coroutine.isyieldable(), coroutine.running() ~= nil)

-- producer/consumer pipeline with a filter coroutine
local function producer()
  return coroutine.create(function()
    for i = 1, 30 do coroutine.yield(i) end
  end)
end
local function filt(src)
  return coroutine.create(function()
    while true do
      local ok, v = coroutine.resume(src)
      if not v then return end
      if v % 3 == 0 then coroutine.yield(v * 10) end
    end
  end)
end
local f = filt(producer())
local got = {}
while true do
  local ok, v = coroutine.resume(f)
  if not v then break end
  got[#got + 1] = v
end
print(table.concat(got, ","))

-- error inside a coroutine, yield across pcall
local ec = coroutine.create(function() local x = nil; return x.field end)
local ok, msg = coroutine.resume(ec)
print(ok, (msg:gsub("^.-:%d+: ", "")), coroutine.status(ec))
local pc = coroutine.wrap(function()
  local ok, v = pcall(function() local y = coroutine.yield("inside") return y * 2 end)
  coroutine.yield(tostring(ok) .. " " .. v)
  return "finished"
end)
print(pc(), pc(21), pc())
print(coroutine.close(coroutine.create(function() end)))

-- permutations generator (classic PiL example)
local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local cnt, sig = 0, 0
for p in coroutine.wrap(function() permgen({1, 2, 3, 4, 5}) end) do
  cnt = cnt + 1
  sig = (sig * 31 + p[1] * 10000 + p[2] * 1000 + p[3] * 100 + p[4] * 10 + p[5]) % 1000000007
end
print(cnt, sig)

-- goto and numeric for edge cases
local i = 1
::top::
if i < 5 then i = i + 1 goto top end
print(i)
local steps = {}
for k = 10, 1, -3 do steps[#steps + 1] = k end
for k = 1, 2, 0.5 do steps[#steps + 1] = k end
for k = math.maxinteger - 2, math.maxinteger do steps[#steps + 1] = k - math.maxinteger end
print(table.concat(steps, " "))
for k = 1, 0 do print("never") end
