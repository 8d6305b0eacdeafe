-- A small benchmark mix: recursive fib, n-queens, sieve, string building, gsub/gmatch/find
-- over generated text, table churn for the collector. arg[1] scales the work (default 1:
-- about 20 KB of text; 8 gives ~160 KB).
local S = math.tointeger(tonumber(arg and arg[1]) or 1)

local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(14 + S))

local function queens(n)
  local count = 0
  local cols, d1, d2 = {}, {}, {}
  local function place(r)
    if r > n then count = count + 1 return end
    for c = 1, n do
      if not cols[c] and not d1[r + c] and not d2[r - c + n] then
        cols[c], d1[r + c], d2[r - c + n] = true, true, true
        place(r + 1)
        cols[c], d1[r + c], d2[r - c + n] = false, false, false
      end
    end
  end
  place(1)
  return count
end
print("queens", queens(5), queens(math.min(5 + S, 8)))

local function sieve(n)
  local comp, count = {}, 0
  for i = 2, n do
    if not comp[i] then
      count = count + 1
      for j = i * i, n, i do comp[j] = true end
    end
  end
  return count
end
print("primes", sieve(3000 * S))

local parts = {}
for i = 1, 200 * S do parts[i] = string.format("%05d lorem ipsum dolor sit amet %s\n", i, ("xy"):rep(i % 5)) end
local text = table.concat(parts)
local big = ("abc"):rep(4000 * S)
print("sizes", #text, #big)
local vowels = select(2, text:gsub("[aeiou]", ""))
local swapped, nsw = text:gsub("(%a+) (%a+)", "%2 %1")
local n5 = 0
for num in text:gmatch("(%d+) lorem") do if tonumber(num) % 5 == 0 then n5 = n5 + 1 end end
local up = big:gsub("b", "B")
print("gsub", vowels, nsw, #swapped, n5, up:sub(1, 9), select(2, up:gsub("B", "")))
local last = string.format("%05d lorem", 200 * S - 1)
print("find", text:find(last, 1, true), text:find("%d+ lorem ipsum dolor sit amet xyxyxyxy\n%d"))

local live = {}
for i = 1, 400 * S do
  live[i % 500 + 1] = {i, tostring(i), {i * 2}}
end
local s = 0
for _, e in pairs(live) do s = s + e[1] + e[3][1] end
print("gc", s, collectgarbage("count") > 0)

local cs = 0
for i = 1, #text, 7 do cs = (cs * 33 + text:byte(i)) & 0xffffffff end
print("checksum", cs)
