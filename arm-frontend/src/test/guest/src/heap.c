/* malloc-heavy code: linked lists, a chained hash map with deletes and rehash,
   realloc growth, calloc zeroing. Many allocations and frees; checksums only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t seed = 2463534242u;
static uint32_t xorshift(void) { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed; }

typedef struct node { struct node *next; uint32_t value; char pad[]; } node;

typedef struct entry { struct entry *next; char *key; uint32_t value; } entry;
typedef struct { entry **slots; size_t nslots, count; } map;

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;            /* FNV-1a */
    while (*s) { h ^= (uint8_t)*s++; h *= 16777619u; }
    return h;
}

static void map_grow(map *m)
{
    size_t ns = m->nslots ? m->nslots * 2 : 16;
    entry **slots = calloc(ns, sizeof *slots);
    for (size_t i = 0; i < m->nslots; i++) {
        for (entry *e = m->slots[i], *nx; e; e = nx) {
            nx = e->next;
            size_t b = hash_str(e->key) & (ns - 1);
            e->next = slots[b];
            slots[b] = e;
        }
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = ns;
}

static void map_put(map *m, const char *key, uint32_t v)
{
    if (m->count + 1 > m->nslots * 3 / 4) map_grow(m);
    size_t b = hash_str(key) & (m->nslots - 1);
    for (entry *e = m->slots[b]; e; e = e->next)
        if (strcmp(e->key, key) == 0) { e->value += v; return; }
    entry *e = malloc(sizeof *e);
    e->key = strdup(key);
    e->value = v;
    e->next = m->slots[b];
    m->slots[b] = e;
    m->count++;
}

static int map_del(map *m, const char *key)
{
    if (!m->nslots) return 0;
    entry **pp = &m->slots[hash_str(key) & (m->nslots - 1)];
    for (; *pp; pp = &(*pp)->next) {
        if (strcmp((*pp)->key, key) == 0) {
            entry *e = *pp;
            *pp = e->next;
            free(e->key);
            free(e);
            m->count--;
            return 1;
        }
    }
    return 0;
}

static entry *map_get(map *m, const char *key)
{
    if (!m->nslots) return NULL;
    for (entry *e = m->slots[hash_str(key) & (m->nslots - 1)]; e; e = e->next)
        if (strcmp(e->key, key) == 0) return e;
    return NULL;
}

int main(void)
{
    /* 1. lists of variably sized nodes, built and torn down repeatedly */
    uint32_t lsum = 0;
    for (int round = 0; round < 12; round++) {
        node *head = NULL;
        int len = 1000 + (int)(xorshift() % 2000);
        for (int i = 0; i < len; i++) {
            size_t extra = xorshift() % 200;
            node *n = malloc(sizeof(node) + extra);
            memset(n->pad, (int)(i & 0xff), extra);
            n->value = xorshift();
            n->next = head;
            head = n;
        }
        /* reverse in place, then free every other node, then the rest */
        node *prev = NULL;
        while (head) { node *nx = head->next; head->next = prev; prev = head; head = nx; }
        head = prev;
        for (node *n = head; n && n->next; n = n->next) {
            node *victim = n->next;
            n->next = victim->next;
            lsum += victim->value;
            free(victim);
        }
        while (head) { node *nx = head->next; lsum = lsum * 3u + head->value; free(head); head = nx; }
    }
    printf("list checksum=%u\n", lsum);

    /* 2. hash map: insert, update, delete, lookup */
    map m = {0};
    char key[32];
    for (int i = 0; i < 30000; i++) {
        snprintf(key, sizeof key, "k%u", xorshift() % 20000);
        map_put(&m, key, (uint32_t)i);
    }
    printf("map count=%zu slots=%zu\n", m.count, m.nslots);
    int deleted = 0;
    for (int i = 0; i < 20000; i += 3) {
        snprintf(key, sizeof key, "k%d", i);
        deleted += map_del(&m, key);
    }
    uint32_t msum = 0;
    int hits = 0;
    for (int i = 0; i < 20000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        entry *e = map_get(&m, key);
        if (e) { hits++; msum = msum * 31u + e->value + hash_str(e->key); }
    }
    printf("map deleted=%d count=%zu hits=%d checksum=%u\n", deleted, m.count, hits, msum);
    for (size_t i = 0; i < m.nslots; i++)
        for (entry *e = m.slots[i], *nx; e; e = nx) { nx = e->next; free(e->key); free(e); }
    free(m.slots);

    /* 3. realloc growth and calloc zeroing */
    uint32_t *v = NULL;
    size_t cap = 0, len = 0;
    for (int i = 0; i < 100000; i++) {
        if (len == cap) { cap = cap ? cap + cap / 2 + 1 : 4; v = realloc(v, cap * sizeof *v); }
        v[len++] = (uint32_t)i * 2654435761u;
    }
    uint32_t vsum = 0;
    for (size_t i = 0; i < len; i++) vsum ^= v[i] + (uint32_t)i;
    v = realloc(v, 10 * sizeof *v);
    printf("realloc len=%zu cap=%zu checksum=%u first=%u last-kept=%u\n", len, cap, vsum, v[0], v[9]);
    free(v);
    int zero = 1;
    for (int i = 0; i < 200; i++) {
        size_t n = 1 + xorshift() % 5000;
        unsigned char *p = calloc(n, 1);
        for (size_t j = 0; j < n; j++) if (p[j]) zero = 0;
        memset(p, 0xA5, n);
        free(p);
    }
    printf("calloc zeroed=%d\n", zero);

    /* 4. a big block (mmap path in glibc) */
    size_t bigsz = 4u << 20;
    unsigned char *bigp = malloc(bigsz);
    for (size_t i = 0; i < bigsz; i += 4096) bigp[i] = (unsigned char)(i >> 12);
    uint32_t bsum = 0;
    for (size_t i = 0; i < bigsz; i += 4096) bsum += bigp[i];
    free(bigp);
    printf("big block checksum=%u\n", bsum);
    return 0;
}
