-- io and os: lines from stdin, word frequencies, a file in the cwd written, read back, renamed
-- and removed, seek, io.lines on a named file (arg[1]), os.getenv, exit status via os.exit.
local nlines, nwords, nbytes, longest = 0, 0, 0, 0
local freq = {}
for line in io.lines() do
  nlines = nlines + 1
  nbytes = nbytes + #line + 1
  if #line > longest then longest = #line end
  for w in line:gmatch("%a+") do
    nwords = nwords + 1
    w = w:lower()
    freq[w] = (freq[w] or 0) + 1
  end
end
print("stdin", nlines, nwords, nbytes, longest)
local ws = {}
for w, n in pairs(freq) do ws[#ws + 1] = {w, n} end
table.sort(ws, function(a, b) if a[2] ~= b[2] then return a[2] > b[2] end return a[1] < b[1] end)
local top = {}
for i = 1, math.min(10, #ws) do top[i] = ws[i][1] .. "=" .. ws[i][2] end
print(#ws, table.concat(top, " "))

-- write, append, read back with different formats
local f = assert(io.open("lua_scratch.txt", "w"))
for i = 1, 50 do f:write(string.format("%d %g %s\n", i, i / 4, ("*"):rep(i % 5))) end
print(f:seek("cur"), f:seek("set", 10), f:seek("end"))
f:close()
f = assert(io.open("lua_scratch.txt", "a"))
f:write("tail line\n", 12345, " ", 1.5, "\n")
f:close()
f = assert(io.open("lua_scratch.txt", "r"))
local a, b = f:read("n", "n")
local rest = f:read("l")
local c = f:read("L")
local chunk = f:read(7)
print(a, b, rest, c, chunk)
local all = f:read("a")
print(#all, select(2, all:gsub("\n", "")), f:read("a") == "", f:read("l"), f:read(0))
f:close()
print(io.type(f), io.type(io.stdout), io.type(42))
local n = 0
for l1, l2 in io.lines("lua_scratch.txt", "l", "n") do n = n + 1 if n == 3 then print(l1, l2) end end
print("pairs read", n)
print(os.rename("lua_scratch.txt", "lua_renamed.txt"))
local r1, e1 = io.open("lua_scratch.txt")
print(r1, (e1:gsub(":.*:", ":")))
print(os.remove("lua_renamed.txt"), (select(2, os.remove("lua_renamed.txt")):gsub("^.*: ", "")))

-- the file named on the command line
local cnt, first = 0, nil
if arg[1] then
  for line in io.lines(arg[1]) do cnt = cnt + 1 first = first or line end
  print("arg file", cnt, first)
end
print(os.getenv("LUA_TEST"), os.getenv("NOT_SET_ANYWHERE"), type(os.time()), type(os.clock()))
print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.time({year = 2000, month = 1, day = 1, hour = 12}))
io.stdout:write("exiting with 3\n")
os.exit(3)
