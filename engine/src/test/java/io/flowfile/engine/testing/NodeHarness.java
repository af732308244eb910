package io.flowfile.engine.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.engine.EngineConfig;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.Problem;
import io.flowfile.engine.exec.FlowError;
import io.flowfile.engine.exec.RunResult;
import io.flowfile.engine.flow.Edge;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.flow.FlowNode;
import io.flowfile.engine.flow.PortRef;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.engine.registry.SettingsCodec;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.node.NodeType;
import io.flowfile.node.Ports;
import io.flowfile.node.Schema;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs one node on the real engine: its inputs are inline tables, its output is read back as text.
 * Each run goes through validation (the predicted schema), development mode (every node
 * materialised: the actual schema and rows) and performance mode (the node fused with its inputs).
 */
public final class NodeHarness implements AutoCloseable {

    public static final String NODE_ID = "node_under_test";

    /** An inline table: DuckDB column definitions and SQL row tuples. */
    public record Table(String columns, List<String> rows) {
        public Table {
            rows = List.copyOf(rows);
        }
    }

    /** A table connected to an input port. */
    public record In(String port, Table table) {
    }

    /**
     * @param predicted the schema validation predicted
     * @param actual    the schema of the materialised result
     * @param rows      the rows in development mode, as text
     * @param fusedRows the rows in performance mode, as text
     * @param error     why the run failed, or null
     * @param problems  validation problems (the node did not run when there are any)
     */
    public record Result(Schema predicted, Schema actual, List<List<String>> rows, List<List<String>> fusedRows,
                         FlowError error, List<Problem> problems) {
    }

    private final Path workDir;
    private final FlowEngine engine;

    private NodeHarness(Path workDir, FlowEngine engine) {
        this.workDir = workDir;
        this.engine = engine;
    }

    public static NodeHarness create(Path workDir, NodeType<?>... types) {
        return create(workDir, null, types);
    }

    /** @param kernels the kernel plane for code nodes, or null for an engine without one */
    public static NodeHarness create(Path workDir, io.flowfile.node.KernelGateway kernels, NodeType<?>... types) {
        var all = new ArrayList<NodeType<?>>(Arrays.asList(types));
        all.add(new TableSourceNode());
        var config = new EngineConfig(workDir.resolve(".flowfile"), 2, 2, "2GB", 1L << 30);
        NodeRegistry registry = NodeRegistry.of(all);
        return new NodeHarness(workDir, kernels == null ? FlowEngine.create(config, registry) : FlowEngine.create(config, registry, kernels));
    }

    public static Table table(String columns, String... rows) {
        return new Table(columns, List.of(rows));
    }

    public static In in(String port, Table table) {
        return new In(port, table);
    }

    public SettingsCodec codec() {
        return engine.settingsCodec();
    }

    public Path workDir() {
        return workDir;
    }

    public List<Problem> validate(NodeType<?> type, String settingsJson, In... inputs) {
        return engine.validate(document(type, settingsJson, inputs), workDir, Map.of()).problems();
    }

    /** @param settings a settings record or its JSON text */
    public Result run(NodeType<?> type, Object settings, In... inputs) {
        ValidatedFlow flow = engine.validate(document(type, settings, inputs), workDir, Map.of());
        if (!flow.valid()) {
            return new Result(null, null, List.of(), List.of(), null, flow.problems());
        }
        if (!hasOutputs(flow)) {
            RunResult result = engine.run(flow, ExecutionMode.PERFORMANCE, event -> { });
            FlowError error = result.errors().isEmpty() ? null : result.errors().getFirst();
            return new Result(null, null, List.of(), List.of(), error, List.of());
        }
        var relation = new RelationId(NODE_ID, Ports.MAIN);
        Schema predicted = flow.schema(relation).orElseThrow();
        try {
            io.flowfile.engine.exec.Table development = engine.preview(flow, relation, Integer.MAX_VALUE, ExecutionMode.DEVELOPMENT, true);
            io.flowfile.engine.exec.Table performance = engine.preview(flow, relation, Integer.MAX_VALUE, ExecutionMode.PERFORMANCE, true);
            return new Result(predicted, development.schema(), text(development), text(performance), null, List.of());
        } catch (FlowException e) {
            Problem first = e.problems().getFirst();
            return new Result(predicted, null, List.of(), List.of(), new FlowError(first.nodeId(), first.code(), first.message()), List.of());
        }
    }

    private static boolean hasOutputs(ValidatedFlow flow) {
        return flow.node(NODE_ID).map(node -> !node.outputs().isEmpty()).orElse(false);
    }

    /** Rows of any query (e.g. reading back a written file), every value as text. */
    public List<List<String>> query(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            var rows = new ArrayList<List<String>>();
            int width = result.getMetaData().getColumnCount();
            while (result.next()) {
                var row = new ArrayList<String>(width);
                for (int i = 1; i <= width; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static List<List<String>> text(io.flowfile.engine.exec.Table table) {
        return table.rows().stream()
                .map(row -> row.stream().map(value -> value == null ? null : value.toString()).toList())
                .toList();
    }

    private FlowDocument document(NodeType<?> type, Object settings, In... inputs) {
        var nodes = new ArrayList<FlowNode>();
        var edges = new ArrayList<Edge>();
        for (int i = 0; i < inputs.length; i++) {
            String id = "input_" + (i + 1);
            var tableSettings = new TableSourceNode.Settings(inputs[i].table().columns(), inputs[i].table().rows());
            nodes.add(new FlowNode(id, TableSourceNode.TYPE, codec().toJson(tableSettings), null, null, false));
            edges.add(new Edge(PortRef.main(id), new PortRef(NODE_ID, inputs[i].port())));
        }
        nodes.add(new FlowNode(NODE_ID, type.descriptor().type(), settingsJson(settings), null, null, false));
        return new FlowDocument(FlowDocument.FORMAT_VERSION, "harness", "", Map.of(), nodes, edges);
    }

    private ObjectNode settingsJson(Object settings) {
        if (settings instanceof String json) {
            try {
                return (ObjectNode) codec().mapper().readTree(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return codec().toJson(settings);
    }

    @Override
    public void close() {
        engine.close();
    }
}
