# hashlib (OpenSSL 3's libcrypto: NEON SHA-1/SHA-256/SHA-512 on a CPU with HWCAP_NEON), hmac and
# zlib over deterministic data: whole buffers of a few MB, odd lengths around the block sizes,
# unaligned starts and odd update chunks. Copies and slices go through glibc's memcpy/memchr,
# which are NEON too. Everything printed is a digest, a checksum or a length.
import hashlib, hmac, random, sys, zlib

MB = int(sys.argv[1]) if len(sys.argv) > 1 else 3
rnd = random.Random(2026)
data = rnd.randbytes(MB << 20)
# 16 letters: about 4 bits a byte, so zlib finds matches and Huffman codes both
text = data.translate(bytes(b"etaoinshrdlu .,\n"[i & 15] for i in range(256)))
print("data", len(data), hashlib.sha256(data[:64]).hexdigest()[:16])

ALGOS = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]
LENGTHS = [0, 1, 3, 55, 56, 57, 63, 64, 65, 111, 112, 113, 127, 128, 129, 1000, 4095, 4097, 65537, 1 << 20 | 7]

for name in ALGOS:
    print(name, "whole", hashlib.new(name, data).hexdigest())
    h = hashlib.new(name)
    for n in LENGTHS:
        for off in (0, 1, 3):
            h.update(hashlib.new(name, data[off:off + n]).digest())
    print(name, "lengths", h.hexdigest())
    # the same bytes fed in odd chunks give the one-shot digest
    inc = hashlib.new(name)
    pos, step = 0, 1
    while pos < len(text):
        inc.update(text[pos:pos + step])
        pos += step
        step = step * 7 % 100003 + 1
    print(name, "chunks", inc.hexdigest(), inc.hexdigest() == hashlib.new(name, text).hexdigest())

for name in ("sha1", "sha256", "sha512"):
    for klen in (0, 16, 64, 65, 200):
        key = data[-klen:] if klen else b""
        print("hmac", name, klen, hmac.new(key, data[:100000 + klen], name).hexdigest())

print("crc32", zlib.crc32(data), zlib.crc32(text))
print("adler32", zlib.adler32(data), zlib.adler32(text))
c, a = 0, 1
for n in LENGTHS:
    for off in (0, 1, 3):
        c = zlib.crc32(data[off:off + n], c)
        a = zlib.adler32(text[off:off + n], a)
print("crc32 lengths", c, "adler32 lengths", a)

for level in (1, 6, 9):
    z = zlib.compress(text, level)
    print("compress", level, len(z), hashlib.sha256(z).hexdigest()[:32], zlib.decompress(z) == text)
z = zlib.compress(data, 6)
print("compress random", len(z), zlib.decompress(z) == data)
for wbits in (-15, 9, 31):
    co = zlib.compressobj(6, zlib.DEFLATED, wbits)
    parts = [co.compress(text[i:i + 77777]) for i in range(0, len(text), 77777)]
    z = b"".join(parts) + co.flush()
    do = zlib.decompressobj(wbits)
    out = b"".join(do.decompress(z[i:i + 4093]) for i in range(0, len(z), 4093)) + do.flush()
    print("stream", wbits, len(z), hashlib.sha1(z).hexdigest(), out == text)

# glibc string routines on the big buffers
print("find", text.find(b"hello"), text.find(b"the "), data.find(bytes(range(3))), text.count(b"\n"), data.count(0))
print("compare", data[5:] == data[5:], data[1:1 << 20] < data[2:1 << 20 | 1], bytearray(data) == data)
