#!/usr/bin/env python3
"""Runs a command the way a parent process sees it, for HostIntegrationTest (Java cannot tell a
child killed by signal N from one that exited with 128+N). Modes:
  status CMD...            inherits stdio; prints "signal N" or "exit N"
  head N CMD...            reads N lines of CMD's stdout, then closes the pipe (as `| head -N`)
  signal SIG CMD...        waits for CMD to print "ready", sends SIG (e.g. INT), prints the rest
Each mode prints the output it read, then the status line last."""
import signal, subprocess, sys, time

def status(rc):
    return "signal %d" % -rc if rc < 0 else "exit %d" % rc

mode, rest = sys.argv[1], sys.argv[2:]
if mode == "status":
    rc = subprocess.run(rest).returncode
    print(status(rc))
elif mode == "head":
    n, cmd = int(rest[0]), rest[1:]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    lines = [p.stdout.readline().decode().rstrip("\n") for _ in range(n)]
    p.stdout.close()
    t = time.time()
    try:
        rc = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = p.wait()
        lines.append("did not end after its reader left")
    print("\n".join(lines))
    print(status(rc))
elif mode == "signal":
    sig, cmd = getattr(signal, "SIG" + rest[0]), rest[1:]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.readline()
    time.sleep(0.5)
    p.send_signal(sig)
    try:
        out, err = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        out += b"did not end after the signal\n"
    sys.stdout.write((first + out).decode(errors="replace"))
    sys.stdout.write(err.decode(errors="replace"))
    print(status(p.returncode))
