-- String library: patterns, gsub, find/match/gmatch, format, rep, byte/char, pack/unpack, utf8.
local function show(...) print(...) end

-- find / match with captures, anchors, character classes
show(string.find("hello world", "wor"))
show(string.find("hello world", "o", 6))
show(string.find("a.b.c", ".", 1, true))
show(string.find("abc", "x"))
show(string.match("key = value ; rest", "(%w+)%s*=%s*(%w+)"))
show(string.match("2024-01-17T08:09:10", "(%d+)-(%d+)-(%d+)T(%d+):(%d+):(%d+)"))
show(string.match("  trim me  ", "^%s*(.-)%s*$"))
show(string.match("[[nested]]", "%[%[(.-)%]%]"))
show(string.match("hello", "()ll()"))
show(string.match("THE (quick) fox", "%((%a+)%)"))
show(string.match("f(a(b)c)d", "%b()"))
show(string.match("THE END", "%f[%a]%a+$"))
show(("x"):rep(3, ","))

-- gmatch
local words = {}
for w in string.gmatch("one two  three\tfour\nfive", "%a+") do words[#words + 1] = w end
show(#words, table.concat(words, "|"))
for k, v in string.gmatch("a=1, b=22, ccc=333", "(%w+)=(%w+)") do io.write(k, ":", v, " ") end
print()

-- gsub with string, table, function replacements and a limit
show(string.gsub("hello world", "o", "0"))
show(string.gsub("hello world", "(o)", "[%1]", 1))
show(string.gsub("$name is $age", "%$(%w+)", {name = "Lua", age = 31}))
show(string.gsub("abc def", "%w+", function(w) return w:upper() .. #w end))
show(string.gsub("abc", "", "-"))
show(string.gsub("one two three", "(%w+) (%w+)", "%2 %1"))
show(string.gsub("x = 1 + 2", "%s", "%%"))

-- format
show(string.format("%5d|%-5d|%05d|%+d|%x|%X|%o|%#x", 42, 42, 42, 42, 255, 255, 8, 255))
show(string.format("%10.3f|%-10.2e|%g|%g|%g", math.pi, 12345.678, 1e20, 1e-5, 100000))
show(string.format("%q", "line1\nline2\t\0end\"quote\\"))
show(string.format("%q", 1/3), string.format("%q", math.mininteger))
show(string.format("%s %s %s", nil, true, 12.5))
show(string.format("%-8s|%8s|%.3s", "ab", "cd", "abcdef"))
show(string.format("%c%c%c", 76, 117, 97))
show(string.format("%a", 1.0), string.format("%.3a", 0.1))
show(string.format("%i", -7), string.format("%u", 7))

-- byte/char/sub/upper/lower/reverse/len
local s = "The Quick Brown Fox"
show(s:len(), #s, s:upper(), s:lower(), s:reverse())
show(s:sub(5, 9), s:sub(-3), s:sub(-100, 3), s:sub(10, 5) == "")
show(s:byte(1, 5))
show(string.char(72, 105, 33))
local bytes = {}
for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
local all = table.concat(bytes)
local sum = 0
for i = 1, #all do sum = sum + all:byte(i) * i end
show(#all, sum)
show(all:find("%d+"), all:find("%u+"), all:find("%p"))
local classes = {}
for _, c in ipairs({"%a", "%c", "%d", "%g", "%l", "%p", "%s", "%u", "%w", "%x"}) do
  local n = select(2, all:gsub(c, ""))
  classes[#classes + 1] = c .. "=" .. n
end
show(table.concat(classes, " "))

-- pack / unpack (byte order, sizes)
local p = string.pack(">i4 <i4 i2 B s1 z d", 0x01020304, 0x01020304, -2, 255, "abc", "zt", 1.5)
show(#p, (p:gsub(".", function(c) return string.format("%02x", c:byte()) end)))
show(string.unpack(">i4 <i4 i2 B s1 z d", p))
show(string.unpack(">I8", string.pack(">I8", math.maxinteger)))
show(string.packsize("i4 i8 d"), string.pack("=j", 1):len())

-- utf8
local u = utf8.char(72, 228, 8364, 128512)
show(#u, utf8.len(u), utf8.codepoint(u, 1, -1))
for p, c in utf8.codes("añ€") do io.write(p, "=", c, " ") end
print()
show(utf8.offset(u, 3), utf8.charpattern)

-- tostring / tonumber conversions
show(tonumber("0x1F"), tonumber("  12  "), tonumber("1e3"), tonumber("z", 36), tonumber("777", 8))
show(tonumber("12a"), tonumber(""), tonumber("0x"), tonumber("1e"), tonumber(" -0x10 "))
show(tostring(10 // 3), tostring(10 / 2), tostring(-0.0), tostring(1e100), tostring(2^63))
show("10" + 5, "3" * "4", 10 .. 20, "0x10" + 0)

-- a longer text processed with patterns
local lines = {}
for i = 1, 200 do
  lines[i] = string.format("line %03d: %s value=%d", i, ("ab"):rep(i % 7), i * i)
end
local text = table.concat(lines, "\n")
local total = 0
for v in text:gmatch("value=(%d+)") do total = total + tonumber(v) end
local count = select(2, text:gsub("abab", "X"))
show(#text, total, count, text:match("line 150: (%a*)"))
