/* Memory mix for the whole-process benchmark: memcpy/memset of blocks of several sizes, strided
 * reads and writes over a 4 MiB array (cache-unfriendly on purpose), and pointer chasing through a
 * shuffled linked list. Prints one checksum line, the same on every ISA.
 *   bench_mem [ROUNDS]   (default 70; bench/report.sh gives each ISA build the count that makes
 *   about 2-3 s under qemu-user on the 2-core development machine) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define WORDS (1u << 20)          /* 4 MiB of uint32_t */
#define NODES (1u << 15)

struct node { struct node *next; uint32_t value; uint32_t pad[2]; };

static uint32_t seed = 12345;
static uint32_t rnd(void) { seed = seed * 1103515245u + 12345u; return seed >> 8; }

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 70;
    uint32_t *a = malloc(WORDS * sizeof *a);
    uint8_t *src = malloc(1 << 16), *dst = malloc(1 << 16);
    struct node *nodes = malloc(NODES * sizeof *nodes);
    uint32_t *perm = malloc(NODES * sizeof *perm);
    if (!a || !src || !dst || !nodes || !perm) { puts("out of memory"); return 1; }
    for (uint32_t i = 0; i < WORDS; i++) a[i] = i * 2654435761u;
    for (uint32_t i = 0; i < (1 << 16); i++) src[i] = (uint8_t)rnd();
    /* a random cyclic order of the nodes (Fisher-Yates) */
    for (uint32_t i = 0; i < NODES; i++) perm[i] = i;
    for (uint32_t i = NODES - 1; i > 0; i--) { uint32_t j = rnd() % (i + 1), t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
    for (uint32_t i = 0; i < NODES; i++) {
        nodes[perm[i]].next = &nodes[perm[(i + 1) % NODES]];
        nodes[perm[i]].value = i;
    }
    uint32_t sum = 0;
    for (int r = 0; r < rounds; r++) {
        /* block copies of growing sizes, unaligned too */
        for (uint32_t size = 16; size <= (1 << 15); size <<= 1)
            for (uint32_t off = 0; off < 4; off++) {
                memcpy(dst + off, src + ((r + size) & 0x3FF), size);
                memset(dst + size + off, (int)size, 64);
                sum += dst[size / 2] + dst[size + off];
            }
        /* strided access: word strides 1, 17, 1024+1, 4096+3 */
        static const uint32_t strides[] = {1, 17, 1025, 4099};
        for (int s = 0; s < 4; s++) {
            uint32_t idx = (uint32_t)r;
            for (uint32_t k = 0; k < WORDS / 4; k++) {
                idx = (idx + strides[s]) & (WORDS - 1);
                sum += a[idx];
                a[idx] ^= sum >> 3;
            }
        }
        /* pointer chasing */
        struct node *p = &nodes[r % NODES];
        for (uint32_t k = 0; k < NODES * 4; k++) { sum += p->value; p->pad[0] += k; p = p->next; }
        /* byte-wise reversal of a 64 KiB buffer */
        for (uint32_t i = 0, j = (1 << 16) - 1; i < j; i++, j--) { uint8_t t = dst[i]; dst[i] = src[j]; src[j] = t; }
        sum += src[r & 0xFFFF];
    }
    printf("bench_mem rounds=%d checksum=%08x\n", rounds, sum);
    return 0;
}
