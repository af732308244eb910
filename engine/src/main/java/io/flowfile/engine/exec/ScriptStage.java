package io.flowfile.engine.exec;

import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ScriptSchemas;
import io.flowfile.node.Column;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import io.flowfile.node.NodePlan;
import io.flowfile.node.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs a code node: writes its inputs as Arrow IPC files into an exchange directory the kernel
 * sees, runs its cells through the {@link KernelGateway}, loads each published output into a table
 * of the run (checked against the declared schema), remembers the schemas, and removes the
 * exchange directory.
 */
final class ScriptStage {

    private final ScriptSupport scripts;
    private final Consumer<NodeEvent> emit;
    private final String runId;
    private final String flowId;

    ScriptStage(ScriptSupport scripts, Consumer<NodeEvent> emit, String runId, String flowId) {
        this.scripts = scripts;
        this.emit = emit;
        this.runId = runId;
        this.flowId = flowId;
    }

    /**
     * @param source what to read a materialised input from
     * @param table  the run's table for a relation
     * @return the rows of the node's first output, and the table of each output
     */
    StageRunner.Outcome run(PlannedNode node, Map<String, PlannedNode> nodes, Connection connection,
                            Function<RelationId, String> source, Function<RelationId, String> table,
                            java.util.function.BiConsumer<RelationId, String> produced) throws Exception {
        NodePlan.ScriptPlan plan = (NodePlan.ScriptPlan) node.plan();
        KernelGateway kernels = scripts.kernels().orElseThrow(() -> new NodeException(NodeErrorCode.KERNEL_UNAVAILABLE,
                "node '" + node.id() + "' needs kernel '" + plan.kernelId() + "', and this engine runs without kernels"));
        KernelGateway.ExchangeArea area = kernels.openExchange(plan.kernelId(), runId, node.id());
        try {
            Map<String, List<String>> inputs = writeInputs(node, connection, source, area);
            Path outputs = area.hostDirectory().resolve("outputs");
            kernels.run(new KernelGateway.ScriptCall(plan.kernelId(), flowId, runId, node.id(), plan.cells(), inputs,
                    plan.outputs(), area, area.kernelPath(outputs), plan.startKernel()), listener(node.id()));
            long firstRows = -1;
            Map<String, Schema> published = new LinkedHashMap<>();
            for (String port : plan.outputs()) {
                Path file = outputs.resolve(port + ".arrow");
                if (!Files.isRegularFile(file)) {
                    throw new NodeException(NodeErrorCode.OUTPUT_MISMATCH, "node '" + node.id() + "' did not publish its output '"
                            + port + "': call flowfile.publish_output(df, \"" + port + "\") in its code");
                }
                RelationId relation = new RelationId(node.id(), port);
                long rows = scripts.arrow().read(connection, file, table.apply(relation));
                Schema schema = describe(connection, table.apply(relation));
                Schema declared = plan.declaredSchemas().get(port);
                if (declared != null && !declared.equals(schema)) {
                    throw new NodeException(NodeErrorCode.OUTPUT_MISMATCH, "node '" + node.id() + "' declares output '" + port
                            + "' as " + declared + " but its code published " + schema);
                }
                published.put(port, schema);
                produced.accept(relation, table.apply(relation));
                firstRows = firstRows < 0 ? rows : firstRows;
            }
            scripts.schemas().remember(key(node, nodes), published);
            return new StageRunner.Outcome(firstRows, false);
        } finally {
            deleteTree(area.hostDirectory());
        }
    }

    private Map<String, List<String>> writeInputs(PlannedNode node, Connection connection, Function<RelationId, String> source,
                                                  KernelGateway.ExchangeArea area) throws Exception {
        Path directory = Files.createDirectories(area.hostDirectory().resolve("inputs"));
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        for (var port : node.ports().inputs()) {
            List<String> files = new ArrayList<>();
            List<RelationId> relations = node.inputs().getOrDefault(port.name(), List.of());
            for (int i = 0; i < relations.size(); i++) {
                Path file = directory.resolve(port.name() + "-" + i + ".arrow");
                scripts.arrow().write(connection, source.apply(relations.get(i)), file);
                files.add(area.kernelPath(file));
            }
            inputs.put(port.name(), files);
        }
        return inputs;
    }

    private KernelGateway.ScriptListener listener(String nodeId) {
        return new KernelGateway.ScriptListener() {
            @Override
            public void stream(String name, String text) {
                emit.accept(new NodeEvent.Output(runId, nodeId, Instant.now(), name, text));
            }

            @Override
            public void log(String level, String message) {
                emit.accept(new NodeEvent.Output(runId, nodeId, Instant.now(), level, message));
            }

            @Override
            public void display(Map<String, Object> data, Map<String, Object> metadata) {
                emit.accept(new NodeEvent.Output(runId, nodeId, Instant.now(), "display", String.join(", ", data.keySet())));
            }
        };
    }

    /** The same key the validator used to look the schemas up. */
    static String key(PlannedNode node, Map<String, PlannedNode> nodes) {
        var schemas = new TreeMap<String, List<Schema>>();
        node.inputs().forEach((port, relations) -> schemas.put(port, relations.stream()
                .map(relation -> nodes.get(relation.node()).outputs().get(relation.port())).toList()));
        return ScriptSchemas.keyOfSchemas(node.type().descriptor().type(), node.canonicalSettings(), schemas);
    }

    private static Schema describe(Connection connection, String table) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("DESCRIBE " + table)) {
            var columns = new ArrayList<Column>();
            while (rows.next()) {
                columns.add(new Column(rows.getString("column_name"), rows.getString("column_type")));
            }
            return new Schema(columns);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
