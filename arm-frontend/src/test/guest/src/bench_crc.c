/* Compute-bound benchmark: table-driven CRC-32 (IEEE, reflected) over a 1 MiB
   LCG-filled buffer, repeated argv[1] times (default 256, about 1.5 s under qemu-ppc 7.2). Prints checksums only. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

#define BUF_SIZE (1u << 20)

static uint32_t table[256];
static uint8_t buf[BUF_SIZE];

static void make_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

static uint32_t crc32(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--)
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 256;
    make_table();
    printf("crc32(\"123456789\")=%08x\n", crc32(0, (const uint8_t *)"123456789", 9));
    uint32_t s = 1;
    for (size_t i = 0; i < BUF_SIZE; i++) {
        s = s * 1103515245u + 12345u;
        buf[i] = (uint8_t)(s >> 16);
    }
    uint32_t crc = 0, mix = 0;
    for (int r = 0; r < reps; r++) {
        buf[(size_t)r * 4099u % BUF_SIZE] ^= (uint8_t)r;   /* vary input between passes */
        crc = crc32(crc, buf, BUF_SIZE);
        mix = mix * 31u + crc;
    }
    printf("reps=%d crc=%08x mix=%08x\n", reps, crc, mix);
    return 0;
}
