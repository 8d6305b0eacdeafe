import subprocess, sys
py = sys.executable
p1 = subprocess.Popen([py, "-c", "print('\\n'.join(str(i) for i in range(10, 0, -1)))"], stdout=subprocess.PIPE)
p2 = subprocess.Popen([py, "-c", "import sys; print(''.join(sorted(sys.stdin, key=int)), end='')"], stdin=p1.stdout, stdout=subprocess.PIPE)
p1.stdout.close()
out, _ = p2.communicate()
print(out.decode().split(), p1.wait(), p2.returncode)
r = subprocess.run("echo shell $((6*7)) | { read a b; echo \"$b $a\"; }", shell=True, capture_output=True, text=True)
print(repr(r.stdout), r.returncode)
r = subprocess.run("echo one; echo two >&2; exit 3", shell=True, capture_output=True, text=True)
print(repr(r.stdout), repr(r.stderr), r.returncode)
r = subprocess.run([py, "-c", "import sys; sys.stdout.write(sys.stdin.read()[::-1])"], input="abc", capture_output=True, text=True)
print(repr(r.stdout))
print(subprocess.check_output(["sh", "-c", "read x; echo got $x"], input=b"line\n"))
