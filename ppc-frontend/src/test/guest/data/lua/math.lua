-- Integer and float arithmetic, math library, conversions and %.17g output.
local function g(x) return string.format("%.17g", x) end
local function clean(ok, m) return ok, (tostring(m):gsub("^.*/", "")) end

print(7 // 2, -7 // 2, 7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(7.0 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 5.3 % -2)
print(3 / 2, 4 / 2, 1 / 0, -1 / 0, 2^10, 2^0.5, 10 // 0.0, -10 % math.huge)
print(math.maxinteger, math.mininteger, math.maxinteger + 1 == math.mininteger)
print(math.mininteger // -1, math.mininteger % -1)
print(math.maxinteger * 2, math.mininteger - 1)
print(1 << 62, 1 << 63, 1 << 64, -1 >> 1, -1 >> 63, 3 & 5, 3 | 5, 3 ~ 5, ~0, 5 << -1)
print(0xFF, 0x7fffffffffffffff, 0xffffffffffffffff, 0x10p2, 1e308 * 10)
print(math.type(1), math.type(1.0), math.type("1"), math.tointeger(3.0), math.tointeger(3.5))
print(3 == 3.0, math.ult(1, -1), 1 < 1.5, -0.0 == 0.0, 2^53 == 2^53 + 1)
print(math.floor(3.7), math.floor(-3.7), math.ceil(3.2), math.ceil(-3.2), math.floor(2^62))
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(7.5, 2), math.fmod(-7.5, 2))
print(math.fmod(1, 0.0), math.fmod(math.mininteger, -1), pcall(math.fmod, 1, 0))
print(math.abs(-5), math.abs(math.mininteger), math.abs(-2.5), math.max(3, 9.5, -1), math.min(3, -9, 2))
print(math.huge, -math.huge, math.huge - math.huge ~= math.huge - math.huge, math.pi)
print(g(math.pi), g(math.exp(1)), g(0.1), g(0.1 + 0.2), g(1 / 3), g(2 / 3))
print(g(math.sqrt(2)), g(math.sin(1)), g(math.cos(1)), g(math.tan(1)), g(math.atan(1, 2)))
print(g(math.log(10)), g(math.log(8, 2)), g(math.log(100, 10)), g(math.exp(-20)), g(math.asin(0.5)))
print(g(1e300 * 1e10), g(5e-324), g(2.2250738585072014e-308 / 2), g(-0.0), g(123456789012345678))
print(math.modf(3.7), math.modf(-3.7), math.modf(math.huge), math.modf(5))
print(string.format("%.3f %.0f %.0f %.0f %e %.10g", 2.0005, 0.5, 1.5, 2.5, 6.02214076e23, 1 / 7))
print(string.format("%5.1f|%-8.3e|%G|%g", -0.05, 1234.5, 1e-10, 1e15))
print(8 // 3 * 3 + 8 % 3, (2^31) | 0, math.tointeger(2^31), 2^63 // 1)
print(clean(pcall(function() return 1 // 0 end)))
print(clean(pcall(function() return 2^63 | 0 end)))
print(tostring(1e15), tostring(1e16), tostring(-1e-5), tostring(123.0), tostring(0.1))
print(100000000000000, 1e14, 2^24, -2^63, math.floor(-2^63) == math.mininteger)
print(string.format("%d", 3.0), pcall(string.format, "%d", 3.5))
print(tonumber("9223372036854775807"), tonumber("9223372036854775808"), tonumber("-9223372036854775809"))
print(tonumber("0x7fffffffffffffff"), tonumber("0xffffffffffffffffff"), tonumber("1e-400"), tonumber(".5"))

-- float/integer comparisons at the edges
print(math.maxinteger < 2^63, math.maxinteger + 0.0 == 2^63, math.mininteger == -2^63, 2^53 + 1 > 2^53)
print(1 < math.huge, math.mininteger > -math.huge, (0/0) ~= (0/0), 3 <= 3.0)

-- integer sums with wrap-around and a floating accumulation
local acc, facc = 0, 0.0
for i = 1, 3000 do
  acc = acc + i * i * i * 2654435761
  facc = facc + 1 / i
end
print(acc, g(facc))
local h = 0
for i = 1, 2000 do h = (h ~ (i * 0x9E3779B97F4A7C15)) * 31 + (h >> 7) end
print(h, string.format("%x", h))

-- math.random with a fixed seed (xoshiro256**)
math.randomseed(42)
local rs = {}
for i = 1, 5 do rs[#rs + 1] = math.random(1, 1000) end
for i = 1, 3 do rs[#rs + 1] = g(math.random()) end
rs[#rs + 1] = math.random(0)
rs[#rs + 1] = math.random(-10, 10)
print(table.concat(rs, " "))
math.randomseed(7, 11)
local hist = {0, 0, 0, 0, 0, 0}
for i = 1, 1200 do local d = math.random(6) hist[d] = hist[d] + 1 end
print(table.concat(hist, " "))

-- a numeric series and a Newton square root
local function newton(x) local r = x for _ = 1, 30 do r = (r + x / r) / 2 end return r end
print(g(newton(2)), g(newton(1e10)), g(newton(0.25)))
local s = 0
for k = 0, 2000 do s = s + (k % 2 == 0 and 1 or -1) / (2 * k + 1) end
print(g(4 * s))
-- conversion round trips through strings
local bad = 0
local x = 1.0
for i = 1, 300 do
  x = x * 1.37 + i / 7
  if tonumber(g(x)) ~= x then bad = bad + 1 end
  if tonumber(string.format("%a", x)) ~= x then bad = bad + 1 end
end
print("round trip failures", bad, g(x))
