/* Floating-point mix for the whole-process benchmark: an n-body step loop (double, with sqrt),
 * a Mandelbrot set (float) and a dense matrix multiply (double). Built with -ffp-contract=off, so
 * no fused multiply-add changes a rounding and the checksum is the same on every ISA and on the host.
 *   bench_fp [ROUNDS]   (default 40; bench/report.sh gives each ISA build the count that makes
 *   about 2-3 s under qemu-user on the 2-core development machine) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <stdint.h>

#define NB 5
static double px[NB], py[NB], pz[NB], vx[NB], vy[NB], vz[NB], mass[NB];

static void nbody_init(void) {
    for (int i = 0; i < NB; i++) {
        px[i] = i * 1.5 - 3.0; py[i] = (i % 3) * 0.7 - 0.5; pz[i] = (i & 1) * 0.3;
        vx[i] = 0.01 * (i - 2); vy[i] = 0.02 * (2 - i % 2); vz[i] = 0.005 * i; mass[i] = 1.0 + i * 0.25;
    }
}
static void nbody_step(double dt) {
    for (int i = 0; i < NB; i++)
        for (int j = i + 1; j < NB; j++) {
            double dx = px[i] - px[j], dy = py[i] - py[j], dz = pz[i] - pz[j];
            double d2 = dx * dx + dy * dy + dz * dz + 0.01;
            double mag = dt / (d2 * sqrt(d2));
            vx[i] -= dx * mass[j] * mag; vy[i] -= dy * mass[j] * mag; vz[i] -= dz * mass[j] * mag;
            vx[j] += dx * mass[i] * mag; vy[j] += dy * mass[i] * mag; vz[j] += dz * mass[i] * mag;
        }
    for (int i = 0; i < NB; i++) { px[i] += dt * vx[i]; py[i] += dt * vy[i]; pz[i] += dt * vz[i]; }
}
static double energy(void) {
    double e = 0;
    for (int i = 0; i < NB; i++) {
        e += 0.5 * mass[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
        for (int j = i + 1; j < NB; j++) {
            double dx = px[i] - px[j], dy = py[i] - py[j], dz = pz[i] - pz[j];
            e -= mass[i] * mass[j] / sqrt(dx * dx + dy * dy + dz * dz + 0.01);
        }
    }
    return e;
}

static int mandel(int w, int h, int maxit) {
    int total = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            float cr = 3.0f * x / w - 2.0f, ci = 2.0f * y / h - 1.0f, zr = 0, zi = 0;
            int it = 0;
            while (it < maxit && zr * zr + zi * zi < 4.0f) {
                float t = zr * zr - zi * zi + cr;
                zi = 2.0f * zr * zi + ci; zr = t; it++;
            }
            total += it;
        }
    return total;
}

#define M 32
static double A[M][M], B[M][M], C[M][M];
static double matmul(int round) {
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) { A[i][j] = (i + j + round) % 7 * 0.25 - 0.5; B[i][j] = (i * j + round) % 5 * 0.125 + 0.1; }
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            double s = 0;
            for (int k = 0; k < M; k++) s += A[i][k] * B[k][j];
            C[i][j] = s;
        }
    double t = 0;
    for (int i = 0; i < M; i++) t += C[i][i] - C[i][M - 1 - i] / 3.0;
    return t;
}

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 40;
    double e = 0, mm = 0;
    long it = 0;
    nbody_init();
    for (int r = 0; r < rounds; r++) {
        for (int s = 0; s < 400; s++) nbody_step(0.001);
        e += energy();
        it += mandel(48, 32, 60 + r % 8);
        mm += matmul(r);
    }
    printf("bench_fp rounds=%d energy=%.9f mandel=%ld matmul=%.6f bits=%016llx\n", rounds, e, it, mm,
           (unsigned long long)(bits(e) ^ bits(mm)));
    return 0;
}
