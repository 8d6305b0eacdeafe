-- Tables: sort with comparators, insert/remove/concat/unpack/move, metatables, length, next.
local function list(t) local r = {} for i = 1, #t do r[i] = tostring(t[i]) end return table.concat(r, " ") end

-- a deterministic LCG (no math.random here)
local seed = 12345
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n end

local t = {}
for i = 1, 400 do t[i] = rnd(10000) end
table.sort(t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print("sorted", ok, t[1], t[200], t[400])
table.sort(t, function(a, b) return a > b end)
print("desc", t[1], t[2], t[400])

-- sort records by two keys (stable order through a tiebreak)
local people = {}
local names = {"ann", "bob", "cy", "dee", "eve", "fay", "gus", "hal"}
for i = 1, 40 do people[i] = {name = names[i % #names + 1], age = 20 + rnd(15), id = i} end
table.sort(people, function(a, b)
  if a.age ~= b.age then return a.age < b.age end
  if a.name ~= b.name then return a.name < b.name end
  return a.id < b.id
end)
local out = {}
for i = 1, 12 do out[i] = people[i].name .. people[i].age .. "#" .. people[i].id end
print(table.concat(out, ","))

-- strings sort
local ws = {}
for w in ("the quick brown fox jumps over the lazy dog and THE END"):gmatch("%S+") do ws[#ws + 1] = w end
table.sort(ws)
print(list(ws))

-- insert/remove/concat/unpack/move/pack
local a = {1, 2, 3}
table.insert(a, 4); table.insert(a, 1, 0); table.insert(a, 3, 1.5)
print(list(a), #a)
print(table.remove(a), table.remove(a, 1), list(a))
print(table.concat({1, 2, "x", 4.5}, ", ", 2, 4))
print(table.unpack({10, 20, 30, nil, 50}, 2, 5))
local m = table.move({1, 2, 3, 4, 5}, 2, 4, 1)
print(list(m))
local pk = table.pack(1, nil, 3)
print(pk.n, pk[1], pk[2], pk[3])
print(select("#", table.unpack({}, 1, 3)), select(-1, 1, 2, 3))

-- hash part: counts and sorted keys (pairs order is not part of the output)
local h = {}
for i = 1, 500 do h["k" .. (i * 7 % 501)] = i end
for i = 1, 500, 3 do h["k" .. i] = nil end
local keys, n = {}, 0
for k, v in pairs(h) do n = n + 1; keys[#keys + 1] = k end
table.sort(keys)
print(n, keys[1], keys[2], keys[#keys], h.k7, h.k14)

-- mixed keys: integer, float that is an integer, booleans, tables as keys
local mk = {}
mk[1] = "int"; mk[2.0] = "float2"; mk[true] = "yes"; mk[-0.0] = "zero"
local kt = {}; mk[kt] = "table"
print(mk[1.0], mk[2], mk[true], mk[0], mk[kt], #mk)
print(math.type(next({[3.0] = 1})))

-- metatables: __index, __newindex, __call, __eq, __lt, __le, __concat, __len, __tostring, __add, __unm
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
V.__add = function(p, q) return vec(p.x + q.x, p.y + q.y) end
V.__unm = function(p) return vec(-p.x, -p.y) end
V.__eq = function(p, q) return p.x == q.x and p.y == q.y end
V.__lt = function(p, q) return p.x * p.x + p.y * p.y < q.x * q.x + q.y * q.y end
V.__le = function(p, q) return not (q < p) end
V.__tostring = function(p) return "(" .. p.x .. "," .. p.y .. ")" end
V.__concat = function(p, q) return tostring(p) .. tostring(q) end
V.__len = function(p) return 2 end
V.__call = function(p, k) return p.x * k end
function V:dot(q) return self.x * q.x + self.y * q.y end
local p, q = vec(1, 2), vec(3, 4)
print(tostring(p + q), tostring(-p), p == vec(1, 2), p < q, q <= p, p .. q, #p, p(10), p:dot(q))
local vs = {vec(3, 3), vec(1, 0), vec(0, 2), vec(-5, 1), vec(1, 1)}
table.sort(vs)
local sv = {}
for i, v in ipairs(vs) do sv[i] = tostring(v) end
print(table.concat(sv, " "))

-- __index function and __newindex proxy with rawget/rawset
local log = {}
local store = {}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "get " .. tostring(k); return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "set " .. tostring(k); rawset(store, k, v) end,
})
proxy.a = 1; proxy.b = proxy.a + 1; local _ = proxy.c
print(table.concat(log, ";"), store.a, store.b, rawget(proxy, "a"), rawlen({1, 2}), rawequal(p, p))

-- inheritance chain
local Base = {}; Base.__index = Base
function Base.new(n) return setmetatable({n = n}, Base) end
function Base:name() return "base" .. self.n end
function Base:hello() return "hello from " .. self:name() end
local Derived = setmetatable({}, {__index = Base}); Derived.__index = Derived
function Derived.new(n) return setmetatable(Base.new(n), Derived) end
function Derived:name() return "derived" .. self.n end
print(Base.new(1):hello(), Derived.new(2):hello())

-- length of sequences with table.insert growth, and a 2D matrix
local big = {}
for i = 1, 2000 do big[#big + 1] = i * 2 end
local s = 0
for _, v in ipairs(big) do s = s + v end
print(#big, s)
local mat = {}
for i = 1, 30 do mat[i] = {} for j = 1, 30 do mat[i][j] = (i * j) % 7 end end
local tr = 0
for i = 1, 30 do for j = 1, 30 do tr = tr + mat[i][j] * mat[j][i] end end
print(tr)

-- weak tables and collectgarbage (counts only)
local weak = setmetatable({}, {__mode = "k"})
do for i = 1, 10 do weak[{}] = i end end
collectgarbage(); collectgarbage()
local left = 0
for _ in pairs(weak) do left = left + 1 end
print("weak left", left)
