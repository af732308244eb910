package io.flowfile.engine.plan;

/**
 * How a flow runs.
 * <ul>
 *   <li>{@code PERFORMANCE}: chains of nodes fuse into one DuckDB statement; results are kept only
 *   where they must be (outputs, nodes marked {@code cache}, previews, results with several
 *   consumers, leaf nodes); the cache serves nodes marked {@code cache}.</li>
 *   <li>{@code DEVELOPMENT}: every node's result is materialised and cached, so each node reports
 *   its row count, any node can be previewed, and a re-run after an edit recomputes only the
 *   edited node and what depends on it.</li>
 * </ul>
 */
public enum ExecutionMode {
    PERFORMANCE,
    DEVELOPMENT
}
