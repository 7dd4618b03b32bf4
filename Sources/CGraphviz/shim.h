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

/// The laid-out drawing's width and height in points (1/72 inch).
static inline double fg_drawing_width(Agraph_t *g) { return GD_bb(g).UR.x - GD_bb(g).LL.x; }
static inline double fg_drawing_height(Agraph_t *g) { return GD_bb(g).UR.y - GD_bb(g).LL.y; }
/// The resolution bitmap output is rendered at (0: the device's default, 96).
static inline double fg_drawing_dpi(Agraph_t *g) { return GD_drawing(g) ? GD_drawing(g)->dpi : 0; }
/// Sets the resolution after layout: the renderer reads it when it starts a job.
static inline void fg_set_drawing_dpi(Agraph_t *g, double dpi) { if (GD_drawing(g)) GD_drawing(g)->dpi = dpi; }

/// Whether `value` is a DOT false ("false", "no", "0").
static inline int fg_is_false(const char *value) {
    return value && (value[0] == 'f' || value[0] == 'F' || value[0] == 'n' || value[0] == 'N' || (value[0] == '0' && value[1] == 0));
}

/// Moves edge `e`'s label to its xlabel; returns 1 if it had one.
static inline int fg_move_label_to_xlabel(Agraph_t *root, Agedge_t *e) {
    char *label = agget(e, (char *)"label");
    if (!label || !*label) return 0;
    Agsym_t *xs = agattr(root, AGEDGE, (char *)"xlabel", NULL);
    if (!xs) xs = agattr(root, AGEDGE, (char *)"xlabel", (char *)"");
    agxset(e, xs, label);
    agset(e, (char *)"label", (char *)"");
    return 1;
}

/// Graphviz 2.42's dot frees a rank array twice (and aborts) after laying out a
/// labelled "flat" edge, one between two nodes on the same rank, on the top rank.
/// An edge can be flat only when it is kept out of ranking (constraint=false,
/// minlen=0) or its ends share a rank=same subgraph: this moves the labels of such
/// edges to xlabels, which dot places after the layout. Returns how many moved.
static inline int fg_unlabel_flat_edges(Agraph_t *root, Agraph_t *g) {
    int moved = 0;
    if (g == root) {
        for (Agnode_t *n = agfstnode(root); n; n = agnxtnode(root, n)) {
            for (Agedge_t *e = agfstout(root, n); e; e = agnxtout(root, e)) {
                const char *c = agget(e, (char *)"constraint");
                const char *m = agget(e, (char *)"minlen");
                if (fg_is_false(c) || (m && m[0] == '0' && m[1] == 0) || aghead(e) == agtail(e)) moved += fg_move_label_to_xlabel(root, e);
            }
        }
    }
    for (Agraph_t *s = agfstsubg(g); s; s = agnxtsubg(s)) {
        const char *rank = agget(s, (char *)"rank");
        if (rank && (rank[0] == 's' || rank[0] == 'm')) {  /* same, min, max, source, sink */
            for (Agnode_t *n = agfstnode(s); n; n = agnxtnode(s, n)) {
                for (Agedge_t *e = agfstout(root, n); e; e = agnxtout(root, e)) {
                    if (agsubnode(s, aghead(e), 0)) moved += fg_move_label_to_xlabel(root, e);
                }
            }
        }
        moved += fg_unlabel_flat_edges(root, s);
    }
    return moved;
}

#endif
