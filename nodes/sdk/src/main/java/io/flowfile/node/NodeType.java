package io.flowfile.node;

/**
 * A node type: what a node on the canvas is and how it turns its settings and its inputs into a
 * relational plan. Implementations are stateless and listed in
 * {@code META-INF/services/io.flowfile.node.NodeType}.
 *
 * @param <S> the settings record; it validates itself in its compact constructor
 */
public interface NodeType<S extends Record> {

    NodeDescriptor descriptor();

    Class<S> settingsType();

    /**
     * Plans the node. Report problems with the settings through {@link PlanContext#problem}; the
     * engine discards the plan of a node that reported any. Must not read data: sources may look
     * at file metadata, and the engine binds queries with DuckDB without running them.
     */
    NodePlan plan(S settings, PlanContext context);
}
