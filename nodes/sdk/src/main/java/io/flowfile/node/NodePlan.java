package io.flowfile.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a node compiles to. */
public sealed interface NodePlan {

    /** Files the node reads; their size and modification time are part of its cache key. */
    List<Path> sourceFiles();

    /**
     * A relational node: one SQL query per output port, over the inputs' refs. The engine fuses
     * such queries into one statement where it can.
     *
     * @param outputs     query per output port
     * @param sourceFiles files read by the queries
     */
    record QueryPlan(Map<String, Query> outputs, List<Path> sourceFiles) implements NodePlan {
        public QueryPlan {
            outputs = Map.copyOf(outputs);
            sourceFiles = List.copyOf(sourceFiles);
        }

        public static QueryPlan main(String sql, Schema schema) {
            return new QueryPlan(Map.of(Ports.MAIN, new Query(sql, schema)), List.of());
        }

        /** The engine finds the schema by binding {@code sql}. */
        public static QueryPlan main(String sql) {
            return main(sql, null);
        }

        public static QueryPlan source(String sql, Schema schema, List<Path> sourceFiles) {
            return new QueryPlan(Map.of(Ports.MAIN, new Query(sql, schema)), sourceFiles);
        }
    }

    /**
     * A source the JVM has to read itself (e.g. Excel): the engine creates a table of
     * {@code schema} and lets {@code loader} fill it.
     */
    record TablePlan(Schema schema, TableLoader loader, List<Path> sourceFiles) implements NodePlan {
        public TablePlan {
            Objects.requireNonNull(schema, "schema is null");
            Objects.requireNonNull(loader, "loader is null");
            sourceFiles = List.copyOf(sourceFiles);
        }
    }

    /**
     * Code that runs on a kernel ({@link KernelGateway}) over materialised inputs: the engine writes
     * each input relation as an Arrow IPC file, runs the cells, and loads the Arrow IPC file the code
     * published for each output.
     *
     * @param kernelId      the kernel that runs the code
     * @param cells         the code, run in order
     * @param outputs       the output names (ports)
     * @param declaredSchemas output name → the schema the code promises, for the outputs that declare one;
     *                      the others are known after a run
     * @param startKernel   whether a run may start the kernel when it is stopped
     */
    record ScriptPlan(String kernelId, List<String> cells, List<String> outputs, Map<String, Schema> declaredSchemas,
                      boolean startKernel) implements NodePlan {
        public ScriptPlan {
            Objects.requireNonNull(kernelId, "kernelId is null");
            cells = List.copyOf(cells);
            outputs = List.copyOf(outputs);
            declaredSchemas = Map.copyOf(declaredSchemas);
        }

        @Override
        public List<Path> sourceFiles() {
            return List.of();
        }
    }

    /**
     * A node that writes its input to a file with DuckDB's {@code COPY (query) TO file (options)}.
     * The engine writes to a temporary name beside {@code target} and renames it when complete.
     *
     * @param query              the rows to write, over the inputs' refs
     * @param target             absolute file path
     * @param mode               what to do when {@code target} exists
     * @param copyOptions        the COPY options, e.g. {@code FORMAT parquet, COMPRESSION zstd}
     * @param narrowHugeIntegers for formats that cannot hold 128-bit integers (DuckDB writes them to
     *                           Parquet as DOUBLE, rounding past 2^53): whether the engine writes each
     *                           HUGEINT and UHUGEINT column as BIGINT when every value of it fits, else
     *                           as DECIMAL(38,0) (a value of more digits fails the write). The engine
     *                           then computes the rows before it writes them, to look at their values.
     */
    record SinkPlan(String query, Path target, WriteMode mode, String copyOptions, boolean narrowHugeIntegers)
            implements NodePlan {
        public SinkPlan {
            Objects.requireNonNull(query, "query is null");
            Objects.requireNonNull(target, "target is null");
            Objects.requireNonNull(mode, "mode is null");
            Objects.requireNonNull(copyOptions, "copyOptions is null");
        }

        /** A sink whose format holds every integer as it is (CSV, JSON: text). */
        public SinkPlan(String query, Path target, WriteMode mode, String copyOptions) {
            this(query, target, mode, copyOptions, false);
        }

        @Override
        public List<Path> sourceFiles() {
            return List.of();
        }
    }

    /**
     * @param sql    a query over the inputs' refs
     * @param schema the output schema when the node knows it, or null for the engine to bind
     *               {@code sql} and find it
     */
    record Query(String sql, Schema schema) {
        public Query {
            Objects.requireNonNull(sql, "sql is null");
        }
    }
}
