import os, socket, tempfile

a, b = socket.socketpair()
a.sendall(b"ping")
print(b.recv(10))
# a socket through SCM_RIGHTS
c, d = socket.socketpair()
socket.send_fds(a, [b"sock"], [c.fileno()])
msg, fds, flags, addr = socket.recv_fds(b, 100, 4)
print(msg, len(fds), flags)
e = socket.socket(fileno=fds[0])
e.sendall(b"via passed socket")
print(d.recv(100))
# a pipe and a regular file through SCM_RIGHTS
r, w = os.pipe()
with tempfile.TemporaryFile() as f:
    f.write(b"file contents")
    f.flush()
    os.lseek(f.fileno(), 0, 0)
    socket.send_fds(a, [b"two"], [w, f.fileno()])
    msg, fds, flags, addr = socket.recv_fds(b, 100, 4)
    print(msg, len(fds))
    os.write(fds[0], b"via passed pipe")
    print(os.read(r, 100))
    print(os.read(fds[1], 100))
    print(os.lseek(f.fileno(), 0, 1))
    for fd in fds:
        os.close(fd)
# datagram socketpair keeps message boundaries
x, y = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
x.send(b"one"); x.send(b"two")
print(y.recv(100), y.recv(100))
a.shutdown(socket.SHUT_WR)
print(b.recv(10))
for s in (a, b, c, d, e, x, y):
    s.close()
os.close(r); os.close(w)
print("done")
