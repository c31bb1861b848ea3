/* Plain subset dynamic programme for talent scheduling: the baseline of benchmarks/talent.py.

   f[S] = least holding cost of shooting the scene set S first; the holding cost of the next
   scene s depends on S only (actors started in S and needed outside S, not in s, wait for
   dur[s] days). Forward over all 2^n sets in numeric order; no bounds, no pruning.
   With -r, the obvious preprocessing first: actors in one scene dropped, scenes with equal
   casts merged (to a fixpoint), cast-less scenes removed.

   Usage: talent_dp [-r] FILE   (benchmark format). Prints: cost holding scenes peak-kB.
   Compiled at benchmark time with cc -O2; exit 3 when the table would exceed MAX_BYTES. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXN 62
#define MAXM 62
static long long MAX_BYTES = 4LL << 30;

static int n, m;
static uint64_t cast[MAXN]; /* actor mask of each scene */
static long long dur[MAXN], cost[MAXM];

/* Peak resident memory of this program in kB (VmHWM: reset at exec, unlike ru_maxrss). */
static long peak_kb(void) {
    FILE *fp = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (fp && fgets(line, sizeof line, fp))
        if (strncmp(line, "VmHWM:", 6) == 0) kb = atol(line + 6);
    if (fp) fclose(fp);
    return kb;
}

static int next_int(FILE *fp, long long *out) { return fscanf(fp, "%lld", out) == 1; }

static long long work_cost(void) {
    long long w = 0;
    for (int s = 0; s < n; s++)
        for (int a = 0; a < m; a++)
            if (cast[s] >> a & 1) w += dur[s] * cost[a];
    return w;
}

static void reduce(void) {
    for (int changed = 1; changed;) {
        changed = 0;
        for (int a = 0; a < m; a++) { /* an actor in one scene is never held */
            int k = 0;
            for (int s = 0; s < n; s++) k += (int)(cast[s] >> a & 1);
            if (k == 1)
                for (int s = 0; s < n; s++) cast[s] &= ~(1ULL << a);
        }
        int k = 0;
        for (int s = 0; s < n; s++) {
            if (!cast[s]) { changed = changed || 0; continue; } /* shot first, holds nobody */
            int j = 0;
            while (j < k && cast[j] != cast[s]) j++;
            if (j < k) { dur[j] += dur[s]; changed = 1; }
            else { cast[k] = cast[s]; dur[k] = dur[s]; k++; }
        }
        if (k != n) changed = 1;
        n = k;
    }
}

int main(int argc, char **argv) {
    int do_reduce = argc > 2 && strcmp(argv[1], "-r") == 0;
    FILE *fp = fopen(argv[argc - 1], "r");
    if (!fp) { perror("open"); return 2; }
    char name[4096];
    if (!fgets(name, sizeof name, fp)) return 2;
    long long v;
    if (!next_int(fp, &v)) return 2;
    n = (int)v;
    if (!next_int(fp, &v)) return 2;
    m = (int)v;
    if (n > MAXN || m > MAXM) return 3;
    for (int a = 0; a < m; a++) {
        for (int s = 0; s < n; s++) {
            if (!next_int(fp, &v)) return 2;
            if (v) cast[s] |= 1ULL << a;
        }
        if (!next_int(fp, &cost[a])) return 2;
    }
    for (int s = 0; s < n; s++)
        if (!next_int(fp, &dur[s])) return 2;
    long long work = work_cost();
    if (do_reduce) reduce();
    long long bytes = (long long)sizeof(uint32_t) << n;
    if (n > 40 || bytes > MAX_BYTES) { printf("skip %d %lld\n", n, bytes); return 3; }
    /* Cast unions of every set of the low and of the high half of the scenes. */
    int lb = n / 2;
    uint64_t *lo = calloc((size_t)1 << lb, sizeof *lo), *hi = calloc((size_t)1 << (n - lb), sizeof *hi);
    for (uint64_t x = 1; x < (1ULL << lb); x++) lo[x] = lo[x & (x - 1)] | cast[__builtin_ctzll(x)];
    for (uint64_t x = 1; x < (1ULL << (n - lb)); x++)
        hi[x] = hi[x & (x - 1)] | cast[lb + __builtin_ctzll(x)];
    uint32_t *f = malloc((size_t)bytes);
    if (!f) return 4;
    memset(f, 0xff, (size_t)bytes);
    f[0] = 0;
    uint64_t full = (n == 64) ? ~0ULL : (1ULL << n) - 1, lmask = (1ULL << lb) - 1;
    for (uint64_t S = 0; S < full; S++) {
        uint32_t val = f[S];
        uint64_t R = full ^ S;
        uint64_t onloc = (lo[S & lmask] | hi[S >> lb]) & (lo[R & lmask] | hi[R >> lb]);
        for (uint64_t r = R; r; r &= r - 1) {
            int s = __builtin_ctzll(r);
            uint64_t idle = onloc & ~cast[s];
            long long c = 0;
            for (uint64_t i = idle; i; i &= i - 1) c += cost[__builtin_ctzll(i)];
            uint64_t nv = (uint64_t)val + (uint64_t)(dur[s] * c);
            uint64_t child = S | (1ULL << s);
            if (nv < f[child]) f[child] = (uint32_t)nv;
        }
    }
    long long hold = f[full];
    printf("%lld %lld %d %ld\n", work + hold, hold, n, peak_kb());
    return 0;
}
