# Threads that allocate while the others run: python mmaps each 256 KiB bytearray, so dynvm's
# guest memory window grows (every thread stopped at a block boundary, the array copied) while
# the other threads are in the middle of their loops. Nothing they stored may be lost.
import threading

out = {}

def work(i):
    a = []
    for k in range(40):
        b = bytearray(256 * 1024 + i)
        b[0] = k
        b[-1] = i
        a.append(b)
    out[i] = (sum(len(b) for b in a), sum(b[0] for b in a), sum(b[-1] for b in a))

ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
for i in sorted(out): print(i, *out[i])
