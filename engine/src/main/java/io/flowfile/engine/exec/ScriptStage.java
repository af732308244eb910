package io.flowfile.engine.exec;

import io.flowfile.engine.duckdb.DuckDb;
import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ScriptSchemas;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import io.flowfile.node.NodePlan;
import io.flowfile.node.Schema;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a code node: writes its inputs as Arrow IPC files into an exchange directory the kernel
 * sees, runs its cells through the {@link KernelGateway}, loads each published output into a table
 * of the run (checked against the schema validation used: declared, or remembered from an earlier
 * run), remembers the schemas, and closes the exchange directory.
 */
final class ScriptStage {

    private final ScriptSupport scripts;
    private final DuckDb duckDb;
    private final Consumer<NodeEvent> emit;
    private final String runId;
    private final String flowId;
    private final Set<Statement> running;

    ScriptStage(ScriptSupport scripts, DuckDb duckDb, Consumer<NodeEvent> emit, String runId, String flowId, Set<Statement> running) {
        this.scripts = scripts;
        this.duckDb = duckDb;
        this.emit = emit;
        this.runId = runId;
        this.flowId = flowId;
        this.running = running;
    }

    /**
     * @param source   what to read a materialised input from
     * @param table    the run's table for a relation
     * @param produced told of each output's table
     * @return the rows of the node's first output
     */
    StageRunner.Outcome run(PlannedNode node, Map<String, PlannedNode> nodes, Connection connection,
                            Function<RelationId, String> source, Function<RelationId, String> table,
                            BiConsumer<RelationId, String> produced) throws Exception {
        NodePlan.ScriptPlan plan = (NodePlan.ScriptPlan) node.plan();
        KernelGateway kernels = scripts.kernels().orElseThrow(() -> new NodeException(NodeErrorCode.KERNEL_UNAVAILABLE,
                "node '" + node.id() + "' needs kernel '" + plan.kernelId() + "', and this engine runs without kernels"));
        KernelGateway.ExchangeArea area = kernels.openExchange(plan.kernelId(), runId, node.id());
        Exception failure = null;
        try {
            Map<String, List<String>> inputs = writeInputs(node, connection, source, area);
            kernels.run(new KernelGateway.ScriptCall(plan.kernelId(), flowId, runId, node.id(), plan.cells(), inputs,
                    plan.outputs(), area, plan.startKernel()), listener(node.id()));
            long firstRows = -1;
            Map<String, Schema> published = new LinkedHashMap<>();
            for (String port : plan.outputs()) {
                String output = table.apply(new RelationId(node.id(), port));
                long rows = readOutput(node, port, area, connection, output);
                published.put(port, duckDb.describe("SELECT * FROM " + output));
                firstRows = firstRows < 0 ? rows : firstRows;
            }
            // Remembered before the check: when the code's columns changed, the next validation sees the new ones.
            scripts.schemas().remember(ScriptSchemas.key(node, nodes), published);
            for (String port : plan.outputs()) {
                check(node, plan, port, published.get(port));
                RelationId relation = new RelationId(node.id(), port);
                produced.accept(relation, table.apply(relation));
            }
            return new StageRunner.Outcome(firstRows, false);
        } catch (Exception e) {
            failure = e;
            throw e;
        } finally {
            try {
                kernels.closeExchange(area);
            } catch (Exception e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e); // the node's own error is the one to report
            }
        }
    }

    /**
     * Runs one cell of a code node interactively (the notebook editor): its inputs written from the
     * relations {@code source} names, the cell run in the flow's namespace with {@code interactive}
     * set; what it publishes is not taken.
     */
    void cell(PlannedNode node, String code, Connection connection, Function<RelationId, String> source) throws Exception {
        NodePlan.ScriptPlan plan = (NodePlan.ScriptPlan) node.plan();
        KernelGateway kernels = scripts.kernels().orElseThrow(() -> new NodeException(NodeErrorCode.KERNEL_UNAVAILABLE,
                "node '" + node.id() + "' needs kernel '" + plan.kernelId() + "', and this engine runs without kernels"));
        KernelGateway.ExchangeArea area = kernels.openExchange(plan.kernelId(), runId, node.id());
        Exception failure = null;
        try {
            Map<String, List<String>> inputs = writeInputs(node, connection, source, area);
            kernels.run(new KernelGateway.ScriptCall(plan.kernelId(), flowId, runId, node.id(), List.of(code), inputs,
                    plan.outputs(), area, plan.startKernel(), true), listener(node.id()));
        } catch (Exception e) {
            failure = e;
            throw e;
        } finally {
            try {
                kernels.closeExchange(area);
            } catch (Exception e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    /** The node's inputs as Arrow files in the exchange area; a full or missing exchange directory is said so. */
    private Map<String, List<String>> writeInputs(PlannedNode node, Connection connection, Function<RelationId, String> source,
                                                  KernelGateway.ExchangeArea area) throws Exception {
        try {
            return writeInputFiles(node, connection, source, area);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            boolean full = reason.contains("No space left on device");
            throw new NodeException(NodeErrorCode.EXCHANGE_FAILED, "node '" + node.id() + "': its inputs could not be written to the kernel's "
                    + "exchange directory " + area.hostDirectory() + ": " + reason + (full ? "; the exchange directory is full: free "
                    + "space there or set FLOWFILE_EXCHANGE_DIR to a larger filesystem (inputs are Arrow files as large as the data)" : ""), e);
        }
    }

    private Map<String, List<String>> writeInputFiles(PlannedNode node, Connection connection, Function<RelationId, String> source,
                                                      KernelGateway.ExchangeArea area) throws Exception {
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        for (var port : node.ports().inputs()) {
            List<String> files = new ArrayList<>();
            List<RelationId> relations = node.inputs().getOrDefault(port.name(), List.of());
            for (int i = 0; i < relations.size(); i++) {
                String file = "inputs/" + port.name() + "-" + i + ".arrow";
                long start = System.nanoTime();
                long rows = scripts.arrow().write(connection, source.apply(relations.get(i)), area.files(), file, running);
                exchanged(node.id(), NodeEvent.Exchanged.Direction.INPUT, port.name(), rows, area, file, start);
                files.add(area.kernelDirectory() + "/" + file);
            }
            inputs.put(port.name(), files);
        }
        return inputs;
    }

    private long readOutput(PlannedNode node, String port, KernelGateway.ExchangeArea area, Connection connection, String table)
            throws Exception {
        String file = "outputs/" + port + ".arrow";
        if (area.files().attributes(file).isEmpty()) {
            throw new NodeException(NodeErrorCode.OUTPUT_MISMATCH, "node '" + node.id() + "' did not publish its output '"
                    + port + "': call flowfile.publish_output(df, \"" + port + "\") in its code");
        }
        long start = System.nanoTime();
        long rows = scripts.arrow().read(connection, area.files(), file, table);
        exchanged(node.id(), NodeEvent.Exchanged.Direction.OUTPUT, port, rows, area, file, start);
        return rows;
    }

    private void exchanged(String nodeId, NodeEvent.Exchanged.Direction direction, String port, long rows, KernelGateway.ExchangeArea area,
                           String file, long start) throws IOException {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long bytes = area.files().attributes(file).map(BasicFileAttributes::size).orElse(0L);
        emit.accept(new NodeEvent.Exchanged(runId, nodeId, Instant.now(), direction, port, rows, bytes, took));
    }

    /** What downstream nodes were validated against must be what the code published. */
    private static void check(PlannedNode node, NodePlan.ScriptPlan plan, String port, Schema published) {
        Schema expected = node.outputs().get(port);
        if (expected == null || expected.equals(published)) {
            return;
        }
        boolean declared = plan.declaredSchemas().containsKey(port);
        throw new NodeException(NodeErrorCode.OUTPUT_MISMATCH, "node '" + node.id() + "' " + (declared ? "declares" : "published in an earlier run")
                + " output '" + port + "' as " + expected + " but its code published " + published
                + (declared ? "" : "; validate the flow again so that downstream nodes see the new columns"));
    }

    /** {@code flowfile.display}'s title: {@code {"flowfile": {"title": ...}}} in the display's metadata. */
    private static String title(Map<String, Object> metadata) {
        if (metadata != null && metadata.get("flowfile") instanceof Map<?, ?> flowfile && flowfile.get("title") instanceof String title
                && !title.isEmpty()) {
            return title;
        }
        return null;
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
                emit.accept(new NodeEvent.Display(runId, nodeId, Instant.now(), title(metadata), data));
            }
        };
    }
}
