package io.flowfile.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.flow.Edge;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.flow.FlowNode;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.plan.ExecutionPlan;
import io.flowfile.engine.testing.Flows;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ValidatedFlow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flows far larger than anyone draws by hand: a chain of thousands of nodes validates, plans and
 * runs (fusion stops where one statement would nest deeper than DuckDB takes), and a cycle of
 * tens of thousands of nodes is found, all without recursing once per node.
 */
class LongFlowsTest {

    @TempDir
    Path dir;

    private FlowEngine engine;

    @BeforeEach
    void start() {
        engine = Flows.engine(dir.resolve("data"));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static FlowNode node(String id, String type, ObjectNode settings) {
        return new FlowNode(id, type, settings, null, null, false);
    }

    private static ObjectNode query(String sql) {
        return JsonNodeFactory.instance.objectNode().put("sql", sql);
    }

    /** source (x = 0) -> step_1 -> ... -> step_length, each adding 1 to x. */
    private static FlowDocument chain(int length) {
        var nodes = new ArrayList<FlowNode>();
        var edges = new ArrayList<Edge>();
        ObjectNode source = JsonNodeFactory.instance.objectNode().put("columns", "x BIGINT");
        source.putArray("rows").add("(0)");
        nodes.add(node("source", "test_table", source));
        String previous = "source";
        for (int i = 1; i <= length; i++) {
            String id = "step_" + i;
            nodes.add(node(id, "test_query", query("SELECT x + 1 AS x FROM {main}")));
            edges.add(Edge.of(previous, id));
            previous = id;
        }
        return new FlowDocument(FlowDocument.FORMAT_VERSION, "chain", "", Map.of(), nodes, edges);
    }

    private void runsToTheEnd(int length) {
        ValidatedFlow flow = engine.validate(chain(length), dir, Map.of());
        assertThat(flow.problems()).isEmpty();
        ExecutionPlan plan = engine.plan(flow, ExecutionMode.PERFORMANCE);
        assertThat(plan.stages()).hasSizeGreaterThan(1);
        assertThat(plan.stages()).allSatisfy(stage -> assertThat(stage.fused().size()).isLessThanOrEqualTo(64));
        Table last = engine.preview(flow, new RelationId("step_" + length, "main"), 10, ExecutionMode.PERFORMANCE, true);
        assertThat(last.rows()).containsExactly(List.of(Integer.toString(length)));
    }

    @Test
    void aChainOfTwoThousandNodesRuns() {
        runsToTheEnd(2_000);
    }

    @Test
    void aChainOfTenThousandNodesRuns() {
        runsToTheEnd(10_000);
    }

    @Test
    void aCycleOfTwentyThousandNodesIsFound() {
        int length = 20_000;
        var nodes = new ArrayList<FlowNode>();
        var edges = new ArrayList<Edge>();
        for (int i = 0; i < length; i++) {
            nodes.add(node("n" + i, "test_query", query("SELECT * FROM {main}")));
            edges.add(Edge.of("n" + i, "n" + ((i + 1) % length)));
        }
        ValidatedFlow flow = engine.validate(new FlowDocument(FlowDocument.FORMAT_VERSION, "ring", "", Map.of(), nodes, edges),
                dir, Map.of());
        assertThat(flow.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(EngineErrorCode.CYCLE);
            assertThat(problem.message()).startsWith("the flow has a cycle: n0 -> n1 -> n2");
        });
    }

    @Test
    void anExpressionNestedAsDeepAsDuckDbAllowsValidatesAndRuns() {
        int depth = 900;
        String expression = "abs(".repeat(depth) + "x" + ")".repeat(depth);
        var nodes = new ArrayList<>(chain(0).nodes());
        nodes.add(node("deep", "test_query", query("SELECT " + expression + " AS x FROM {main}")));
        ValidatedFlow flow = engine.validate(new FlowDocument(FlowDocument.FORMAT_VERSION, "deep", "", Map.of(), nodes,
                List.of(Edge.of("source", "deep"))), dir, Map.of());
        assertThat(flow.problems()).isEmpty();
        Table table = engine.preview(flow, new RelationId("deep", "main"), 10, ExecutionMode.PERFORMANCE, true);
        assertThat(table.rows()).containsExactly(List.of("0"));
    }
}
