#define CRC_ROUNDS   3000
#define SIEVE_ROUNDS 150
unsigned int compute_crc(unsigned int rounds);
unsigned int compute_sieve(unsigned int rounds, unsigned int *last_prime);
