import asyncio

async def handle(reader, writer):
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()

async def client(port, n):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    out = []
    for i in range(3):
        writer.write(b"client %d line %d\n" % (n, i))
        await writer.drain()
        out.append((await reader.readline()).decode().rstrip())
    writer.write_eof()
    rest = await reader.read()
    writer.close()
    await writer.wait_closed()
    return out, rest

async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    results = await asyncio.gather(*(client(port, n) for n in range(3)))
    for out, rest in results:
        print(out, rest)
    # 200 kB in 1000-byte lines, written at once: both sides fill their buffers and drain
    big = b"".join(b"%04d" % i + b"x" * 995 + b"\n" for i in range(200))
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(big)
    await writer.drain()
    got = await reader.readexactly(len(big))
    print("big", len(got), got == big.upper())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    await asyncio.sleep(0.01)
    print("loop done")

asyncio.run(main())
