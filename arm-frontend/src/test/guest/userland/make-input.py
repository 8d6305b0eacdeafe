#!/usr/bin/env python3
# Writes the 20 MiB input of DebianToolsTest's xz round trip (the same bytes as
# DebianToolsTest.xzInput): 3000 lines of words picked by a Park-Miller generator (seed 17), then
# parts of one line repeated 20,000 times under "== part N ==" headers, cut at 20 MiB. The
# short-period parts keep LZMA's cost per byte near its floor (about 250 guest instructions a
# byte: the interpreter runs all of it); repeats of the varied block would cost 15 times more.
import sys
WORDS = ("the of and to in is was for translator guest host block region engine thread futex").split()
x = 17
def rnd():
    global x
    x = x * 16807 % 2147483647
    return x
lines = []
for n in range(3000):
    k = 4 + rnd() % 9
    lines.append(" ".join(WORDS[rnd() % 16] for _ in range(k)) + "\n")
block = "".join(lines).encode()
out = bytearray(block)
part = 0
size = 20 << 20
while len(out) < size:
    part += 1
    out += b"== part %d ==\n" % part
    out += b"the quick brown fox jumps over the lazy dog\n" * 20000
sys.stdout.buffer.write(out[:size])
