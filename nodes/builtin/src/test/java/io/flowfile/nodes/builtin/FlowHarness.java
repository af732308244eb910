package io.flowfile.nodes.builtin;

import io.flowfile.engine.EngineConfig;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.exec.RunResult;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.node.Ports;
import io.flowfile.node.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs whole flows of built-in nodes (written as YAML) on the real engine, with a chosen number of
 * DuckDB threads: for properties that only show when several nodes work together, e.g. a file's row
 * order through a fused plan.
 */
public final class FlowHarness implements AutoCloseable {

    /** The rows of one node's output, every value as text, and its schema. */
    public record Output(Schema schema, List<List<String>> rows) {
    }

    private final Path workDir;
    private final FlowEngine engine;

    private FlowHarness(Path workDir, FlowEngine engine) {
        this.workDir = workDir;
        this.engine = engine;
    }

    /** An engine over every built-in node type; its cache lives under {@code workDir/.flowfile-<threads>}. */
    public static FlowHarness create(Path workDir, int duckDbThreads) {
        var config = new EngineConfig(workDir.resolve(".flowfile-" + duckDbThreads), duckDbThreads, 2, "2GB", 1L << 30);
        return new FlowHarness(workDir, FlowEngine.create(config, NodeRegistry.load(FlowHarness.class.getClassLoader())));
    }

    /** Validates {@code yaml} (relative paths resolve against the work directory); fails on any problem. */
    public ValidatedFlow validate(String yaml) {
        ValidatedFlow flow = engine.validate(engine.flowCodec().read(yaml, FlowFormat.YAML), workDir, Map.of());
        if (!flow.valid()) {
            throw new AssertionError("the flow has problems: " + flow.problems());
        }
        return flow;
    }

    /** Every row of {@code node}'s main output, computed in {@code mode}. */
    public Output output(String yaml, String node, ExecutionMode mode) {
        var relation = new RelationId(node, Ports.MAIN);
        var table = engine.preview(validate(yaml), relation, Integer.MAX_VALUE, mode, true);
        List<List<String>> rows = table.rows().stream()
                .map(row -> row.stream().map(value -> value == null ? null : value.toString()).toList())
                .toList();
        return new Output(table.schema(), rows);
    }

    /** Runs the whole flow in performance mode. */
    public RunResult run(String yaml) {
        return run(yaml, ExecutionMode.PERFORMANCE);
    }

    /** Runs the whole flow in {@code mode}. */
    public RunResult run(String yaml, ExecutionMode mode) {
        return engine.run(validate(yaml), mode, event -> { });
    }

    @Override
    public void close() {
        engine.close();
    }
}
