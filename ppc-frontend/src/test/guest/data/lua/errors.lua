-- error/pcall/xpcall, error objects, error levels, assert, tostring of errors, tracebacks.
-- Locations are printed without the script's directory (it differs between runs).
local function clean(m) return (tostring(m):gsub("[^%s:]*/", "")) end

print(pcall(error, "plain"))
print(type(select(2, pcall(error, {code = 42}))))
print(select(2, pcall(error, setmetatable({}, {__tostring = function() return "custom" end}))))
print(pcall(error))
print(clean(select(2, pcall(function() error("with level 1") end))))
print(clean(select(2, pcall(function() error("with level 0", 0) end))))
local function lvl2() error("blame caller", 2) end
print(clean(select(2, pcall(function() lvl2() end))))
local ok, e = pcall(function() error({code = 7, msg = "table error"}) end)
print(ok, type(e), e.code, e.msg)

-- runtime errors
local function try(f, ...) local r = {pcall(f, ...)} return r[1], clean(r[2]) end
print(try(function() return 1 + nil end))
print(try(function() return {} .. "x" end))
print(try(function() local t = nil; return t.x end))
print(try(function() return #5 end))
print(try(function() return 1 < "2" end))
print(try(function() return ("x"):bad() end))
print(try(function() undefinedfunction() end))
print(try(function() return 1 // 0 end))
print(try(function() return math.tointeger("x") end))
print(try(string.rep))
print(try(string.format, "%d", "x"))
print(try(setmetatable, 1, {}))
print(try(function() return 2^63 & 1 end))
print(try(function() local a <close> = 42 end))
print(try(function() for i = 1, 10, 0 do end end))
print(try(table.insert, {}, 5, 6))
print(try(string.char, 256))
print(try(function() return ("x"):rep(-1) end))

-- assert
print(pcall(assert, true, "unused"))
print(pcall(assert, false))
print(pcall(assert, nil, "assert message"))
print(pcall(assert, 1 == 1, "ok", "extra"))

-- xpcall with a message handler and traceback (only the first line is stable)
local function handler(m) return "handled: " .. clean(m) end
print(xpcall(function() error("boom") end, handler))
print(xpcall(function(a, b) return a + b end, handler, 3, 4))
local tb
xpcall(function() local x = nil; return x() end, function(m) tb = debug.traceback(m) end)
print(clean(tb:match("^[^\n]*")), tb:find("stack traceback:", 1, true) ~= nil)

-- nested pcall and rethrow, error in the handler
local function nested(depth)
  if depth == 0 then error("bottom") end
  local ok, m = pcall(nested, depth - 1)
  error(clean(m) .. "<" .. depth, 0)
end
print(pcall(nested, 5))
print(xpcall(function() error("first") end, function() error("second") end))


-- to-be-closed variables run in order, also on error
local order = {}
local function closer(name) return setmetatable({}, {__close = function(_, err) order[#order + 1] = name .. (err and ("!" .. clean(err)) or "") end}) end
do
  local a <close> = closer("a")
  local b <close> = closer("b")
end
pcall(function()
  local c <close> = closer("c")
  error("in scope", 0)
end)
print(table.concat(order, " "))

-- load with syntax errors and environments
print(load("return 1 +"))
print(load("x = ", "=chunk"))
local f = load("return a * 2", "chunk", "t", {a = 21})
print(f())
print(pcall(load("error('from loaded', 1)", "=loaded")))
local parts = {"return ", "1", " + ", "41"}
local i = 0
print(load(function() i = i + 1 return parts[i] end)())
print(select("#", load("return")()))
-- string.dump round trip
local fn = function(x) return x * 3 end
print(load(string.dump(fn))(14))

-- error values of different types pass through unchanged
for _, v in ipairs({42, 1.5, true, "s"}) do
  local ok, got = pcall(error, v)
  io.write(type(got), "=", tostring(got), " ")
end
print()
print(select("#", pcall(error, nil)))
