/* A C model of FraudGraph's haircut replay (tracing.md), to bound what any engine can
 * gain on the same work. One thread, no trace written: it only counts the pieces moved,
 * the exits, the rounding and the money held at the end, which must equal the Swift
 * trace's (`fraudgraph bench-moneyflow CASE --phases haircut`: piecesMoved, exits, held).
 *
 *   cc -O2 -march=native -o haircut haircut.c                 (holdings sorted, arrivals merged: FraudGraph's design)
 *   cc -O2 -march=native -DHASHED -o haircut-hashed haircut.c (holdings indexed by a hash: no sort, no merge)
 *   ./haircut DIR [CURRENCY]   (DIR from columns.py; CURRENCY: replay only that currency number)
 *
 * Semantics as HaircutBook: a transfer of a out of a slot with balance B takes
 * floor(h * min(a, B) / B) of every (seed, hops) holding h; the dust stays, except the
 * excess a nearly wholly tainted sender cannot hold, removed one unit from each of the
 * holdings with the largest remainders (ties: lower seed, then fewer hops). */
#include "model.h"

typedef struct { uint64_t key; int64_t amt; } Lot; /* key: seed << 32 | hops */
typedef struct { int64_t bal; int32_t rec; int32_t pad; } Cell;
typedef struct {
    Lot *lots; int nl, cl;
#ifdef HASHED
    int32_t *index; int cap;          /* open addressing: position + 1 in lots */
#else
    Lot *arr; int na, ca; int sorted; /* arrivals, merged at the next send */
    int64_t arrTotal;
#endif
    int64_t tainted, largest;         /* largest: at least the largest holding */
} Rec;


static Rec *recs; static int nrec, crec; static int *freeList; static int nfree, cfree;
static Lot *pieces; static int np, cp;
static int64_t piecesMoved, exitsN, roundingTotal, visits;
typedef struct { int64_t r; uint64_t key; int idx; } Rem;
static Rem *rems; static int crem;
static int byRemainder(const void *a, const void *b) {
    const Rem *x = a, *y = b;
    if (x->r != y->r) return x->r > y->r ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}
static int allocRec(void) {
    if (nfree) return freeList[--nfree];
    if (nrec == crec) { crec = crec ? 2 * crec : 1024; recs = realloc(recs, crec * sizeof(Rec)); }
    memset(&recs[nrec], 0, sizeof(Rec));
#ifndef HASHED
    recs[nrec].sorted = 1;
#endif
    return nrec++;
}
static void releaseRec(int k) {
    Rec *r = &recs[k]; r->nl = 0; r->tainted = 0; r->largest = 0;
#ifdef HASHED
    if (r->cap) memset(r->index, 0, r->cap * 4);
#else
    r->na = 0; r->arrTotal = 0; r->sorted = 1;
#endif
    if (nfree == cfree) { cfree = cfree ? 2 * cfree : 1024; freeList = realloc(freeList, cfree * 4); }
    freeList[nfree++] = k;
}
static void reservePieces(int more) {
    if (np + more <= cp) return;
    while (np + more > cp) cp = cp ? 2 * cp : 1024;
    pieces = realloc(pieces, cp * sizeof(Lot));
}

#ifdef HASHED
static inline uint32_t hashOf(uint64_t k) { return (uint32_t)((k * 0x9E3779B97F4A7C15ULL) >> 32); }
static void reindex(Rec *r) {
    int cap = r->cap ? r->cap : 16; while (cap < 2 * r->nl) cap *= 2;
    if (cap != r->cap) { free(r->index); r->index = malloc(cap * 4); r->cap = cap; }
    memset(r->index, 0, cap * 4);
    for (int i = 0; i < r->nl; i++) { uint32_t h = hashOf(r->lots[i].key) & (cap - 1); while (r->index[h]) h = (h + 1) & (cap - 1); r->index[h] = i + 1; }
}
static void deposit(Rec *r, Lot l) {
    r->tainted += l.amt;
    if (r->cap) {
        for (uint32_t h = hashOf(l.key) & (r->cap - 1); r->index[h]; h = (h + 1) & (r->cap - 1)) {
            Lot *x = &r->lots[r->index[h] - 1];
            if (x->key == l.key) { x->amt += l.amt; if (x->amt > r->largest) r->largest = x->amt; return; }
        }
    }
    if (l.amt > r->largest) r->largest = l.amt;
    if (r->nl == r->cl) { r->cl = r->cl ? 2 * r->cl : 8; r->lots = realloc(r->lots, r->cl * sizeof(Lot)); }
    r->lots[r->nl++] = l;
    if (2 * r->nl > r->cap) reindex(r);
    else { uint32_t h = hashOf(l.key) & (r->cap - 1); while (r->index[h]) h = (h + 1) & (r->cap - 1); r->index[h] = r->nl; }
}
static void settle(Rec *r) { (void)r; }
static int64_t bound(Rec *r) { return r->largest; }
#else
static Lot *tmp, *sortBuffer; static int ctmp;
static void reserveTmp(int n) {
    if (n <= ctmp) return;
    ctmp = n > 2 * ctmp ? n : 2 * ctmp;
    tmp = realloc(tmp, ctmp * sizeof(Lot)); sortBuffer = realloc(sortBuffer, ctmp * sizeof(Lot));
}
static void deposit(Rec *r, Lot l) {
    if (r->na == r->ca) { r->ca = r->ca ? 2 * r->ca : 8; r->arr = realloc(r->arr, r->ca * sizeof(Lot)); }
    if (r->na && r->arr[r->na - 1].key > l.key) r->sorted = 0;
    r->arr[r->na++] = l; r->arrTotal += l.amt; r->tainted += l.amt;
}
DEFINE_SORT_BY_KEY(Lot)
static void sortArrivals(Rec *r) {
    if (r->sorted) return;
    r->sorted = 1; reserveTmp(r->na); sortByKey_Lot(r->arr, r->na, sortBuffer);
}
static void settle(Rec *r) { /* merge the arrivals into the holdings: one lot per key */
    if (!r->na) return;
    sortArrivals(r); reserveTmp(r->nl + r->na);
    int i = 0, j = 0, n = 0, nl = r->nl, na = r->na; Lot *L = r->lots, *A = r->arr; int64_t largest = 0;
    while (i < nl || j < na) {
        Lot x;
        if (j == na || (i < nl && L[i].key < A[j].key)) x = L[i++];
        else { x = A[j++]; if (i < nl && L[i].key == x.key) x.amt += L[i++].amt; }
        while (j < na && A[j].key == x.key) x.amt += A[j++].amt;
        if (x.amt > largest) largest = x.amt;
        tmp[n++] = x;
    }
    if (n > r->cl) { r->cl = n > 2 * r->cl ? n : 2 * r->cl; r->lots = realloc(r->lots, r->cl * sizeof(Lot)); }
    memcpy(r->lots, tmp, n * sizeof(Lot)); r->nl = n; r->na = 0; r->arrTotal = 0; r->sorted = 1; r->largest = largest;
}
static int64_t bound(Rec *r) { return r->largest + r->arrTotal; }
#endif

/* A transfer of `amount` out of record k, balance `balance` before it: appends the
 * tainted pieces to `pieces`; returns the record afterwards (-1: no taint left). */
static int take(int k, int64_t amount, int64_t balance) {
    Rec *r = &recs[k];
    int64_t moved = amount < balance ? amount : balance, clean = balance - r->tainted;
    if (moved == balance) {
        settle(r); reservePieces(r->nl); memcpy(pieces + np, r->lots, r->nl * sizeof(Lot)); np += r->nl; visits += r->nl;
        releaseRec(k); return -1;
    }
    if (moved <= clean && (unsigned __int128)(uint64_t)bound(r) * (uint64_t)moved < (unsigned __int128)(uint64_t)balance) return k;
    settle(r);
    Lot *L = r->lots; int nl = r->nl; visits += nl;
    reservePieces(nl);
    uint64_t reciprocal = (uint64_t)(((unsigned __int128)(uint64_t)moved << 64) / (uint64_t)balance);
    int first = np, t = 0; int64_t taken = 0, largest = 0; Lot *out = pieces + np;
    for (int i = 0; i < nl; i++) {
        uint64_t h = L[i].amt, q = (uint64_t)(((unsigned __int128)h * reciprocal) >> 64);
        q += h * (uint64_t)moved - q * (uint64_t)balance >= (uint64_t)balance;
        out[t].key = L[i].key; out[t].amt = q; t += q > 0; taken += q;
        L[i].amt = h - q; if (L[i].amt > largest) largest = L[i].amt;
    }
    np += t; r->largest = largest; r->tainted -= taken;
    int64_t excess = moved - taken - clean;
    if (excess > 0) {
        if (nl > crem) { crem = 2 * nl; rems = realloc(rems, crem * sizeof(Rem)); }
        int nr = 0;
        for (int i = 0, p = first; i < nl; i++) {
            int64_t q = 0; if (p < np && pieces[p].key == L[i].key) q = pieces[p++].amt;
            int64_t rm = (int64_t)(((unsigned __int128)(uint64_t)(L[i].amt + q) * (uint64_t)moved) % (uint64_t)balance);
            if (rm > 0) { rems[nr].r = rm; rems[nr].key = L[i].key; rems[nr].idx = i; nr++; }
        }
        qsort(rems, nr, sizeof(Rem), byRemainder);
        for (int j = 0; j < excess; j++) { L[rems[j].idx].amt--; roundingTotal++; }
        r->tainted -= excess;
        int m = 0; largest = 0;
        for (int i = 0; i < nl; i++) if (L[i].amt) { L[m++] = L[i]; if (L[i].amt > largest) largest = L[i].amt; }
        r->nl = m; r->largest = largest;
#ifdef HASHED
        if (m != nl) reindex(r);
#endif
    }
    if (r->tainted == 0) { releaseRec(k); return -1; }
    return k;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s DIR [CURRENCY]\n", argv[0]); return 2; }
    const char *dir = argv[1]; int only = argc > 2 ? atoi(argv[2]) : -1;
    size_t n; int N, C;
    readMeta(dir, &N, &C);
    int32_t *src = load(dir, "src.bin", &n, 4), *dst = load(dir, "dst.bin", &n, 4), *seed = load(dir, "seed.bin", &n, 4);
    uint16_t *cur = load(dir, "cur.bin", &n, 2); int64_t *amt = load(dir, "amt.bin", &n, 8); uint8_t *chan = load(dir, "chan.bin", &n, 1);
    for (int rep = 0; rep < 3; rep++) {
        piecesMoved = exitsN = roundingTotal = visits = 0; nrec = 0; nfree = 0;
        double t0 = now();
        int64_t *floorBalance = calloc(N, 8); /* the floor: balances per account only */
        for (size_t i = 0; i < n; i++) { int64_t a = amt[i], b = floorBalance[src[i]]; floorBalance[src[i]] = b > a ? b - a : 0; floorBalance[dst[i]] += a; }
        double t1 = now();
        Cell *cells = malloc((size_t)N * C * sizeof(Cell));
        for (size_t i = 0; i < (size_t)N * C; i++) { cells[i].bal = 0; cells[i].rec = -1; }
        for (size_t i = 0; i < n; i++) {
            int c = cur[i]; if (only >= 0 && c != only) continue;
            int64_t a = amt[i]; Cell *sc = &cells[(size_t)c * N + src[i]], *dc = &cells[(size_t)c * N + dst[i]];
            int64_t before = sc->bal; sc->bal = before > a ? before - a : 0; dc->bal += a;
            if (seed[i] < 0 && sc->rec < 0) continue;
            np = 0;
            if (sc->rec >= 0) sc->rec = take(sc->rec, a, before);
            if (seed[i] >= 0) { /* a seed: what it takes is cut; its amount arrives with hops 0 */
                piecesMoved += np;
                if (dc->rec < 0) dc->rec = allocRec();
                deposit(&recs[dc->rec], (Lot){(uint64_t)seed[i] << 32, a});
                continue;
            }
            if (np == 0) continue;
            piecesMoved += np;
            if (chan[i]) { exitsN++; continue; }
            if (dc->rec < 0) dc->rec = allocRec();
            Rec *r = &recs[dc->rec];
            for (int q = 0; q < np; q++) { pieces[q].key++; deposit(r, pieces[q]); }
#ifndef HASHED
            if (r->na > 256 && r->na > r->nl) settle(r);
#endif
        }
        double t2 = now();
        int64_t held = 0;
        for (int k = 0; k < nrec; k++) {
            for (int i = 0; i < recs[k].nl; i++) held += recs[k].lots[i].amt;
#ifndef HASHED
            for (int i = 0; i < recs[k].na; i++) held += recs[k].arr[i].amt;
#endif
        }
        printf("floor %.3f s  haircut %.3f s (%.1fx)  pieces moved %lld  holdings visited %lld  exits %lld  rounding %lld  held %lld.%04lld\n",
               t1 - t0, t2 - t1, (t2 - t1) / (t1 - t0), (long long)piecesMoved, (long long)visits, (long long)exitsN,
               (long long)roundingTotal, (long long)(held / 10000), (long long)(held % 10000));
        free(floorBalance); free(cells);
        for (int k = 0; k < nrec; k++) {
            free(recs[k].lots);
#ifdef HASHED
            free(recs[k].index);
#else
            free(recs[k].arr);
#endif
        }
        free(recs); recs = NULL; crec = 0;
    }
    return 0;
}
