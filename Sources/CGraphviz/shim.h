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

/// agsafeset takes non-const `char *` in 2.42: sets attribute `name` of a graph, node
/// or edge to `value`, declaring it with default `def` if the graph lacks it.
static inline int fg_set(void *object, const char *name, const char *value, const char *def) {
    return agsafeset(object, (char *)name, (char *)value, (char *)def);
}

/// agget with a const name; NULL when the attribute is not declared.
static inline const char *fg_get(void *object, const char *name) { return agget(object, (char *)name); }

/// The error levels, as plain ints for Swift.
static inline int fg_error_level_warning(void) { return AGWARN; }
static inline int fg_set_error_level(int level) { return (int)agseterr((agerrlevel_t)level); }

/// Installs the function that receives Graphviz's warnings and errors (in fragments).
static inline void fg_set_error_function(int (*function)(char *)) { agseterrf(function); }

/// The first, next attribute symbol of a kind (AGRAPH 0, AGNODE 1, AGEDGE 2).
static inline Agsym_t *fg_next_attribute(Agraph_t *g, int kind, Agsym_t *previous) { return agnxtattr(g, kind, previous); }
static inline const char *fg_attribute_name(Agsym_t *symbol) { return symbol->name; }
static inline const char *fg_attribute_value(void *object, Agsym_t *symbol) { return agxget(object, symbol); }
static inline int fg_node_kind(void) { return AGNODE; }
static inline int fg_edge_kind(void) { return AGEDGE; }
static inline int fg_graph_kind(void) { return AGRAPH; }

#endif
