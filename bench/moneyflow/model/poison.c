/* A C model of FraudGraph's poison replay (tracing.md), to bound what any engine can
 * gain on the same work. One thread, no trace written: it counts the marks carried
 * (the Swift trace's piecesMoved), the exits and the marks held at the end.
 *
 *   cc -O2 -march=native -o poison poison.c && ./poison DIR   (DIR from columns.py)
 *   cc -O2 -march=native -DWRITE -o poison-writing poison.c   (also writes each tainted
 *   transfer's (seed, amount) pairs into growing arrays, as a trace holds them)
 *
 * Semantics as PoisonBook: per account (all currencies together), the seeds whose
 * money reached it, each with the least hop count; every transfer out of a marked
 * account carries every mark. Marks arriving wait, unsorted, and are merged into the
 * account's sorted marks when it next sends (or once they outnumber them). */
#include "model.h"

typedef struct { uint64_t key; } Mark; /* seed << 32 | hops */
typedef struct { Mark *marks; int n, c; Mark *arr; int na, ca; int sorted; } Rec;

static Mark *tmp, *sortBuffer; static int ctmp;
#ifdef WRITE
static int32_t *rowSeeds; static int64_t *rowAmounts; static size_t nPairs, cPairs;
static void writeRow(const Mark *m, int n, int64_t amount) {
    if (nPairs + n > cPairs) {
        while (nPairs + n > cPairs) cPairs = cPairs ? 2 * cPairs : 1 << 16;
        rowSeeds = realloc(rowSeeds, cPairs * 4); rowAmounts = realloc(rowAmounts, cPairs * 8);
    }
    for (int i = 0; i < n; i++) { rowSeeds[nPairs + i] = (int32_t)(m[i].key >> 32); rowAmounts[nPairs + i] = amount; }
    nPairs += n;
}
#endif
static void reserveTmp(int need) {
    if (need <= ctmp) return;
    ctmp = 2 * need; tmp = realloc(tmp, ctmp * sizeof(Mark)); sortBuffer = realloc(sortBuffer, ctmp * sizeof(Mark));
}
DEFINE_SORT_BY_KEY(Mark)
static void sortArrivals(Rec *r) { reserveTmp(r->na); sortByKey_Mark(r->arr, r->na, sortBuffer); }
static void settle(Rec *r) {
    if (!r->na) return;
    if (!r->sorted) sortArrivals(r);
    reserveTmp(r->n + r->na);
    int i = 0, j = 0, n = 0;
    while (i < r->n || j < r->na) { /* one mark per seed: (seed, hops) order puts its least hops first */
        int fromMarks = j == r->na || (i < r->n && r->marks[i].key <= r->arr[j].key);
        Mark next = fromMarks ? r->marks[i] : r->arr[j];
        tmp[n++] = next;
        while (i < r->n && r->marks[i].key >> 32 == next.key >> 32) i++;
        while (j < r->na && r->arr[j].key >> 32 == next.key >> 32) j++;
    }
    if (n > r->c) { r->c = 2 * n; r->marks = realloc(r->marks, r->c * sizeof(Mark)); }
    memcpy(r->marks, tmp, n * sizeof(Mark)); r->n = n; r->na = 0; r->sorted = 1;
}
static void arrive(Rec *r, const Mark *m, int n) {
    if (r->na + n > r->ca) { while (r->na + n > r->ca) r->ca = r->ca ? 2 * r->ca : 8; r->arr = realloc(r->arr, r->ca * sizeof(Mark)); }
    for (int i = 0; i < n; i++) {
        Mark x = { m[i].key + 1 };
        if (r->na && r->arr[r->na - 1].key > x.key) r->sorted = 0;
        r->arr[r->na++] = x;
    }
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s DIR\n", argv[0]); return 2; }
    const char *dir = argv[1]; size_t n; int N, C;
    readMeta(dir, &N, &C);
    int32_t *src = load(dir, "src.bin", &n, 4), *dst = load(dir, "dst.bin", &n, 4), *seed = load(dir, "seed.bin", &n, 4);
    int64_t *amt = load(dir, "amt.bin", &n, 8); uint8_t *chan = load(dir, "chan.bin", &n, 1);
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now();
        int64_t *floorBalance = calloc(N, 8);
        for (size_t i = 0; i < n; i++) { int64_t a = amt[i], b = floorBalance[src[i]]; floorBalance[src[i]] = b > a ? b - a : 0; floorBalance[dst[i]] += a; }
        double t1 = now();
        int32_t *recOf = malloc(N * 4); memset(recOf, 0xff, N * 4);
        Rec *recs = NULL; int nrec = 0, crec = 0; int64_t carried = 0, exits = 0, tainted = 0;
        for (size_t i = 0; i < n; i++) {
            int s = src[i], d = dst[i], k = recOf[s];
            if (k < 0 && seed[i] < 0) continue;
            Mark seedMark; const Mark *out = NULL; int count = 0;
            if (k >= 0) {
                settle(&recs[k]); out = recs[k].marks; count = recs[k].n; carried += count; tainted++;
#ifdef WRITE
                if (seed[i] < 0) writeRow(out, count, amt[i]);
#endif
            }
            if (seed[i] >= 0) { seedMark.key = (uint64_t)seed[i] << 32; seedMark.key -= 1; out = &seedMark; count = 1; } /* hops 0 after the +1 */
            else if (chan[i]) { exits++; continue; }
            int kd = recOf[d];
            if (kd < 0) {
                if (nrec == crec) { crec = crec ? 2 * crec : 1024; recs = realloc(recs, crec * sizeof(Rec)); }
                memset(&recs[nrec], 0, sizeof(Rec)); recs[nrec].sorted = 1; kd = recOf[d] = nrec++;
                if (k >= 0 && seed[i] < 0) out = recs[k].marks; /* realloc may have moved them */
            }
            Rec *r = &recs[kd];
            arrive(r, out, count);
            if (r->na > 256 && r->na > r->n) settle(r);
        }
        double t2 = now();
        int64_t held = 0; for (int k = 0; k < nrec; k++) { settle(&recs[k]); held += recs[k].n; }
        printf("floor %.3f s  poison %.3f s (%.1fx)  marks carried %lld  tainted transfers %lld  exits %lld  marks held %lld\n",
               t1 - t0, t2 - t1, (t2 - t1) / (t1 - t0), (long long)carried, (long long)tainted, (long long)exits, (long long)held);
        for (int k = 0; k < nrec; k++) { free(recs[k].marks); free(recs[k].arr); }
#ifdef WRITE
        printf("  (pairs written %zu)\n", nPairs);
        free(rowSeeds); free(rowAmounts); rowSeeds = NULL; rowAmounts = NULL; nPairs = cPairs = 0;
#endif
        free(recs); free(recOf); free(floorBalance);
    }
    return 0;
}
