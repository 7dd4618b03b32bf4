/* What the C models share: the clock, the column files columns.py writes, and the
 * sort of arrivals by (seed, hops) key. */
#ifndef MODEL_H
#define MODEL_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

/* DIR/name as an array of *n values of `size` bytes. */
static void *load(const char *dir, const char *name, size_t *n, size_t size) {
    char p[4096]; snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "rb"); if (!f) { perror(p); exit(2); }
    fseek(f, 0, SEEK_END); long s = ftell(f); fseek(f, 0, SEEK_SET);
    void *b = malloc(s); if (fread(b, 1, s, f) != (size_t)s) exit(2); fclose(f);
    *n = s / size; return b;
}

/* Entities and currencies, from DIR/meta.txt. */
static void readMeta(const char *dir, int *entities, int *currencies) {
    char p[4096]; snprintf(p, sizeof p, "%s/meta.txt", dir); FILE *m = fopen(p, "r");
    if (!m || fscanf(m, "%d %d", entities, currencies) != 2) { fprintf(stderr, "%s: no meta.txt\n", dir); exit(2); }
    fclose(m);
}

/* sortByKey_T(a, n, buffer): sorts n values of type T by their `key` (seed << 32 |
 * hops): insertion sort when short, else LSD radix on the key's seed and hop bits
 * packed together, 11 bits a pass, through `buffer` (n values). */
#define DEFINE_SORT_BY_KEY(T)                                                                              \
    static void sortByKey_##T(T *a, int n, T *buffer) {                                                    \
        if (n <= 32) {                                                                                     \
            for (int i = 1; i < n; i++) { T x = a[i]; int j = i; while (j > 0 && a[j - 1].key > x.key) { a[j] = a[j - 1]; j--; } a[j] = x; } \
            return;                                                                                        \
        }                                                                                                  \
        uint64_t all = 0; for (int i = 0; i < n; i++) all |= a[i].key;                                     \
        int hw = 64 - __builtin_clzll((all & 0xffffffffULL) | 1), sw = 64 - __builtin_clzll((all >> 32) | 1); \
        int passes = (hw + sw + 10) / 11; static int64_t count[6][2048];                                   \
        memset(count, 0, sizeof(int64_t) * 2048 * passes);                                                \
        for (int i = 0; i < n; i++) {                                                                      \
            uint64_t k = (a[i].key >> 32) << hw | (a[i].key & 0xffffffffULL);                              \
            for (int p = 0; p < passes; p++) count[p][(k >> (11 * p)) & 2047]++;                           \
        }                                                                                                  \
        for (int p = 0; p < passes; p++) { int64_t s = 0; for (int b = 0; b < 2048; b++) { int64_t c = count[p][b]; count[p][b] = s; s += c; } } \
        T *from = a, *to = buffer;                                                                         \
        for (int p = 0; p < passes; p++) {                                                                 \
            for (int i = 0; i < n; i++) {                                                                  \
                uint64_t k = (from[i].key >> 32) << hw | (from[i].key & 0xffffffffULL);                    \
                to[count[p][(k >> (11 * p)) & 2047]++] = from[i];                                          \
            }                                                                                              \
            T *t = from; from = to; to = t;                                                                \
        }                                                                                                  \
        if (from != a) memcpy(a, from, n * sizeof(T));                                                     \
    }
#endif
