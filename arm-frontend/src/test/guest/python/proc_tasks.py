import os, threading
# /proc/self/task has one entry per thread; the CPU count agrees with the affinity mask
# (os.cpu_count reads /sys/devices/system/cpu/online through glibc's get_nprocs).
def tasks():
    return sorted(int(t) for t in os.listdir("/proc/self/task"))
print("one thread:", len(tasks()) == 1, tasks() == [os.getpid()])
start, stop = threading.Barrier(4), threading.Event()
def work():
    start.wait()
    stop.wait()
ts = [threading.Thread(target=work) for _ in range(3)]
for t in ts:
    t.start()
start.wait()
ids = tasks()
print("four threads:", len(ids), os.getpid() in ids, sorted(t.native_id for t in ts) == sorted(i for i in ids if i != os.getpid()))
with open("/proc/self/task/%d/comm" % ids[-1]) as f:
    print("comm readable:", len(f.read()) > 1)
stop.set()
for t in ts:
    t.join()
# join returns when a thread's Python state is gone; its kernel task may linger a moment (Linux too)
import time
for _ in range(200):
    if len(tasks()) == 1:
        break
    time.sleep(0.01)
print("joined:", len(tasks()))
print("cpu_count == affinity:", os.cpu_count() == len(os.sched_getaffinity(0)))
