#!/usr/bin/env python3
"""JIT pressure of short guest runs (docs/performance.md, "JIT pressure").

  jit_pressure.py log  JAVA WORKLOAD        one run with the JVM's compilation log, tiered events
                                            and -XX:+CITime: methods compiled per tier (the
                                            translated blocks' hidden classes apart), the compile
                                            queues' peak lengths, JIT time
  jit_pressure.py time JAVA RUNS WORKLOAD [CONFIG...]
                                            median wall and CPU (user+sys) seconds of RUNS runs
                                            per configuration; a CONFIG is NAME=JVM options added
                                            to the launcher's defaults (NAME alone: the defaults)

JAVA: 17 or 25 (the launcher's JVM and default options for that JDK). WORKLOAD: true, sh-loop,
hello-arm, hello-ppc, bench_int, bench_fp, bench_mem, crc (see WORKLOADS). Start-up archive as the launcher does it (a new option
set records its archive in a warm-up run first). Runs with ./dynvm from this checkout.
"""
import os, re, statistics, subprocess, sys, time, glob

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.environ.get("DYNVM_CACHE", os.path.expanduser("~/.cache/dynvm"))
BB = os.path.join(CACHE, "busybox-armhf", "busybox")
WORKLOADS = {
    "true": [BB, "true"],
    "sh-loop": [BB, "sh", "-c", "i=0; while [ $i -lt 300 ]; do i=$((i+1)); done"],
    "sh-loop-long": [BB, "sh", "-c", "i=0; while [ $i -lt 5000 ]; do i=$((i+1)); done"],
    "hello-arm": [os.path.join(ROOT, "arm-frontend/src/test/guest/armhf/bin/hello")],
    "hello-ppc": [os.path.join(ROOT, "ppc-frontend/src/test/guest/bin/hello")],
    "bench_int": [os.path.join(ROOT, "bench/guests/bin/bench_int-armhf"), "190"],
    "bench_fp": [os.path.join(ROOT, "bench/guests/bin/bench_fp-armhf"), "200"],
    "bench_mem": [os.path.join(ROOT, "bench/guests/bin/bench_mem-armhf"), "70"],
    "crc": [os.path.join(ROOT, "arm-frontend/src/test/guest/armhf/bin/bench_crc")],
}
DEFAULTS = {"25": "-Xss16m -Xms16m -XX:+UseSerialGC -XX:+UseCompactObjectHeaders --enable-native-access=ALL-UNNAMED",
            "17": "-Xss16m -Xms16m -XX:+UseParallelGC"}


def java(major):
    if major == "25":
        return glob.glob("/usr/lib/jvm/temurin-25*/bin/java")[0]
    return glob.glob("/usr/lib/jvm/java-17-openjdk*/bin/java")[0]


def run(major, workload, extra, capture=False):
    env = dict(os.environ, DYNVM_JAVA=java(major), DYNVM_JAVA_OPTS=(DEFAULTS[major] + " " + extra).strip())
    cmd = ["/usr/bin/time", "-f", "TIME %e %U %S", os.path.join(ROOT, "dynvm"), "run"] + WORKLOADS[workload]
    p = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    m = re.search(r"TIME ([0-9.]+) ([0-9.]+) ([0-9.]+)", p.stderr)
    return float(m.group(1)), float(m.group(2)) + float(m.group(3)), p.stdout, p.stderr


def wait_for_archive():
    # the launcher assembles a new option set's AOT cache in the background after its first run
    for _ in range(120):
        if not glob.glob(os.path.join(ROOT, "translator/target/dynvm-jdk*.lock")):
            return
        time.sleep(1)


def log(major, workload):
    f = "/tmp/jit-pressure-%s-%s.log" % (major, workload)
    extra = "-Xlog:jit+compilation=debug:file=%s -XX:+PrintTieredEvents -XX:+CITime" % f
    run(major, workload, extra)
    wait_for_archive()
    wall, cpu, out, err = run(major, workload, extra)
    tiers, blocks, osr = {}, {}, 0
    line_re = re.compile(r"\]\s*(\d+)\s([ %sbn!]{5})\s*(\d)?\s+(\S+)")
    for line in open(f):
        m = line_re.search(line)
        if not m or "made not entrant" in line or "made zombie" in line:
            continue
        tier = int(m.group(3) or 0)
        if "%" in m.group(2):
            osr += 1
        d = blocks if "GuestBlock" in m.group(4) else tiers
        d[tier] = d.get(tier, 0) + 1
    q = [tuple(map(int, x)) for x in re.findall(r"queues=(\d+),(\d+)", out)]
    ci = re.search(r"Total compilation time\s*:\s*([0-9.]+) s", out)
    citime = {int(t): (float(sec), int(n)) for t, sec, n in
              re.findall(r"Tier(\d) \{speed: [0-9.]+ bytes/s; standard:\s+([0-9.]+) s, \d+ bytes, (\d+) methods", out)}
    print("JDK %s %s: wall %.2f s, cpu %.2f s, JIT %s s; methods compiled per tier (0=native wrappers) %s, "
          "translated blocks %s, OSR %d; queue peaks C1 %d C2 %d; CITime per tier (s, methods) %s" % (
              major, workload, wall, cpu, ci.group(1) if ci else "?", dict(sorted(tiers.items())),
              dict(sorted(blocks.items())), osr, max((a for a, _ in q), default=0), max((b for _, b in q), default=0), citime))


def timing(major, runs, workload, configs):
    for c in configs or ["defaults"]:
        name, _, extra = c.partition("=")
        run(major, workload, extra)  # warm-up: the start-up archive of this option set
        wait_for_archive()
        walls, cpus = [], []
        for _ in range(runs):
            w, u, _, _ = run(major, workload, extra)
            walls.append(w)
            cpus.append(u)
        print("JDK %s %-10s %-28s wall %.2f s  cpu %.2f s  (medians of %d; cpu min %.2f max %.2f)" % (
            major, workload, name, statistics.median(walls), statistics.median(cpus), runs, min(cpus), max(cpus)), flush=True)


if __name__ == "__main__":
    a = sys.argv[1:]
    if a[:1] == ["log"]:
        log(a[1], a[2])
    elif a[:1] == ["time"]:
        timing(a[1], int(a[2]), a[3], a[4:])
    else:
        print(__doc__)
        sys.exit(2)
