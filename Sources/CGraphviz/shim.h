// The C side of FraudGraph's Graphviz binding: libgvc's headers plus a few inline
// wrappers that keep the Swift code portable across Graphviz versions (see
// shared/notes/graphviz.md).
#ifndef FRAUDGRAPH_CGRAPHVIZ_SHIM_H
#define FRAUDGRAPH_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stddef.h>
#include <stdlib.h>

/// gvRenderData's length argument is `unsigned int *` in 2.42 and `size_t *` later.
static inline int fg_render_data(GVC_t *gvc, Agraph_t *g, const char *format, char **result, size_t *length) {
    unsigned int len = 0;
    int rc = gvRenderData(gvc, g, format, result, &len);
    *length = (size_t)len;
    return rc;
}

/// The graph kinds, which are mutable C globals that Swift 6 refuses to read.
static inline Agdesc_t fg_directed(void) { return Agdirected; }
static inline Agdesc_t fg_undirected(void) { return Agundirected; }

/// agmemread takes a `const char *` in 2.42 and later; wrapped for symmetry.
static inline Agraph_t *fg_read_dot(const char *text) { return agmemread(text); }

/// gvLayout with a const engine name.
static inline int fg_layout(GVC_t *gvc, Agraph_t *g, const char *engine) { return gvLayout(gvc, g, engine); }

/// Frees memory that Graphviz allocated for rendered data.
static inline void fg_free_render_data(char *data) { gvFreeRenderData(data); }

#endif
