/* compute_loop: the CPU-bound work shared by compute (system mode) and compute-linux (user
 * mode). Deterministic: an LCG fills a buffer, table-driven CRC-32 over it, repeated; then a
 * sieve of Eratosthenes. Only plain C, no library calls. */
#include "compute_loop.h"

#define BUF_SIZE (64 * 1024)
#define SIEVE_N  (1024 * 1024)

static unsigned char buf[BUF_SIZE];
static unsigned char composite[SIEVE_N];
static unsigned int crc_table[256];

static void crc_init(void)
{
    for (unsigned int i = 0; i < 256; i++) {
        unsigned int c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

unsigned int compute_crc(unsigned int rounds)
{
    unsigned int seed = 12345, acc = 0;
    crc_init();
    for (unsigned int r = 0; r < rounds; r++) {
        for (unsigned int i = 0; i < BUF_SIZE; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (unsigned char)(seed >> 16);
        }
        unsigned int c = 0xffffffffu;
        for (unsigned int i = 0; i < BUF_SIZE; i++)
            c = crc_table[(c ^ buf[i]) & 0xff] ^ (c >> 8);
        acc = (acc << 1 | acc >> 31) ^ ~c;
    }
    return acc;
}

unsigned int compute_sieve(unsigned int rounds, unsigned int *last_prime)
{
    unsigned int count = 0, last = 0;
    for (unsigned int r = 0; r < rounds; r++) {
        for (unsigned int i = 0; i < SIEVE_N; i++) composite[i] = 0;
        count = 0;
        for (unsigned int i = 2; i < SIEVE_N; i++) {
            if (composite[i]) continue;
            count++;
            last = i;
            for (unsigned int j = i + i; j < SIEVE_N; j += i) composite[j] = 1;
        }
    }
    *last_prime = last;
    return count;
}
