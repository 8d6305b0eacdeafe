/* Counts lines, words and bytes of stdin (like wc), plus a byte histogram checksum.
   Uses getchar for the first half of the input work and fread otherwise. */
#include <stdio.h>
#include <ctype.h>
#include <string.h>

int main(int argc, char **argv)
{
    int use_fread = argc > 1 && strcmp(argv[1], "fread") == 0;
    unsigned long lines = 0, words = 0, bytes = 0, longest = 0, cur = 0;
    unsigned hist[256] = {0};
    int inword = 0;
    unsigned char buf[4096];
    for (;;) {
        size_t n;
        if (use_fread) {
            n = fread(buf, 1, sizeof buf, stdin);
        } else {
            int c = getchar();
            if (c == EOF) n = 0; else { buf[0] = (unsigned char)c; n = 1; }
        }
        if (n == 0) break;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = buf[i];
            bytes++;
            hist[c]++;
            if (c == '\n') { lines++; if (cur > longest) longest = cur; cur = 0; } else cur++;
            if (isspace(c)) inword = 0;
            else if (!inword) { inword = 1; words++; }
        }
    }
    if (cur > longest) longest = cur;
    unsigned h = 0;
    for (int i = 0; i < 256; i++) h = h * 131u + hist[i];
    printf("%lu %lu %lu\n", lines, words, bytes);
    printf("longest line=%lu histogram checksum=%u\n", longest, h);
    return 0;
}
