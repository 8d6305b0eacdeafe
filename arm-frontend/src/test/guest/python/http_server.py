import http.server, threading, urllib.request

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ("hello from " + self.path + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass

srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
t = threading.Thread(target=srv.serve_forever, daemon=True)
t.start()
port = srv.server_address[1]
for path in ("/a", "/b/c?x=1"):
    with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=30) as r:
        print(r.status, r.headers["Content-Type"], r.read().decode(), end="")
try:
    urllib.request.urlopen("http://127.0.0.1:%d/missing" % port, timeout=30)
except Exception as e:
    pass
srv.shutdown()
srv.server_close()
t.join()
print("done")
