#!/usr/bin/env python3
"""Drives an interactive shell on a pseudo-terminal, as a user at a terminal would:
   pty-shell.py COMMAND...   (e.g. dynvm run busybox sh -i, or qemu-arm busybox sh -i)
Checks: a prompt appears; a typed command runs; Ctrl-C interrupts `sleep 100` and the prompt
returns; `tty` names the terminal; `exit 3` ends the command with status 3; the terminal's mode afterwards equals the mode
before. Prints one line per step ("ok NAME" or "FAIL NAME: why") and exits 0 when all passed."""
import fcntl, os, select, sys, termios, time

def main():
    cmd = sys.argv[1:]
    master, slave = os.openpty()
    pid = os.fork()
    if pid == 0:
        os.close(master)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        if slave > 2:
            os.close(slave)
        os.environ["TERM"] = "dumb"
        os.execvp(cmd[0], cmd)
    before = termios.tcgetattr(slave)
    buf = b""
    failed = 0

    def read_until(token, timeout):
        nonlocal buf
        end = time.time() + timeout
        while token not in buf:
            left = end - time.time()
            if left <= 0:
                return False
            r, _, _ = select.select([master], [], [], left)
            if r:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    return token in buf
                if not data:
                    return token in buf
                buf += data
        return True

    def step(name, ok, why=""):
        nonlocal failed
        if ok:
            print("ok " + name, flush=True)
        else:
            failed += 1
            print("FAIL %s: %s; output so far: %r" % (name, why, buf[-300:]), flush=True)

    # the first prompt is the shell's default ("/dir # " or "$ "): a launcher script may drop PS1
    step("prompt", read_until(b"# ", 60) or b"$ " in buf, "no prompt")
    buf = b""
    os.write(master, b"PS1='PROMPT$ '\n")
    read_until(b"PROMPT$ ", 30)
    buf = b""
    os.write(master, b"echo hello-$((6*7))\n")
    step("command", read_until(b"hello-42", 30), "typed command did not run")
    step("prompt-again", read_until(b"PROMPT$ ", 30), "no prompt after the command")
    buf = b""
    os.write(master, b"sleep 100\n")
    time.sleep(1.5)
    t0 = time.time()
    os.write(master, b"\x03")
    step("ctrl-c", read_until(b"PROMPT$ ", 15) and time.time() - t0 < 10, "Ctrl-C did not interrupt sleep 100")
    buf = b""
    os.write(master, b"echo still-$((1+1))\n")
    step("alive", read_until(b"still-2", 30), "the shell did not survive Ctrl-C")
    buf = b""
    os.write(master, b"tty\n")
    step("tty", read_until(b"/dev/pts/", 30), "tty did not name the terminal")
    read_until(b"PROMPT$ ", 30)
    os.write(master, b"exit 3\n")
    end = time.time() + 30
    status = None
    while time.time() < end:
        read_until(b"\x00never", 0.2)
        p, st = os.waitpid(pid, os.WNOHANG)
        if p == pid:
            status = st
            break
    step("exit-3", status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3,
         "status %r" % status)
    after = termios.tcgetattr(slave)
    step("mode-restored", after == before, "before %r after %r" % (before, after))
    sys.exit(1 if failed else 0)

main()
