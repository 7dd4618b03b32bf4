/* Graphviz 2.42's own memory growth, without Swift: a DOT file laid out and rendered
 * 4 x 1000 times with one context, freeing everything (gvFreeLayout, agclose), and
 * the resident set after each 1000.
 *
 *   gcc -O2 bench/pictures/graphviz_leak.c -o /tmp/graphviz_leak $(pkg-config --cflags --libs libgvc)
 *   /tmp/graphviz_leak FILE.dot svg     # FILE.dot from `fraudgraph render ... --format dot`
 *
 * Seen on Graphviz 2.42: plain labels do not grow; HTML-like labels grow by a few
 * hundred bytes per text span and render (<B> about twice as much as a FONT face).
 */
#include <graphviz/gvc.h>
#include <stdio.h>
#include <stdlib.h>

static long resident_kb(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = 0;
    if (f) { if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = 0; fclose(f); }
    return resident * 4;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s FILE.dot FORMAT\n", argv[0]); return 2; }
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 2; }
    static char text[1 << 22];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = 0;
    fclose(f);
    GVC_t *gvc = gvContext();
    for (int round = 0; round < 4; round++) {
        for (int i = 0; i < 1000; i++) {
            Agraph_t *g = agmemread(text);
            gvLayout(gvc, g, "dot");
            char *out; unsigned int length;
            gvRenderData(gvc, g, argv[2], &out, &length);
            gvFreeRenderData(out);
            gvFreeLayout(gvc, g);
            agclose(g);
        }
        printf("after %d renders: %ld kB resident\n", (round + 1) * 1000, resident_kb());
    }
    gvFreeContext(gvc);
    return 0;
}
