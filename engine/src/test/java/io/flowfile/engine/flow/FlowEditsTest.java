package io.flowfile.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FlowEditsTest {

    private static final String FLOW = """
            flowfile: 1
            name: orders
            description: a small flow
            parameters:
              threshold: "10"
            nodes:
              - id: a
                type: test_table
                label: Orders
                position: {x: 1.0, y: 2.0}
                settings: {columns: "id INTEGER"}
              - id: b
                type: test_table
                settings: {}
              - id: j
                type: test_join
                settings: {how: inner}
            edges:
              - {from: a, to: j.left}
              - {from: b, to: j.right}
            """;

    private final FlowDocument flow = new FlowCodec().read(FLOW, FlowFormat.YAML);
    private final String saved = new FlowCodec().write(flow, FlowFormat.JSON);

    private FlowDocument apply(FlowEdit... edits) {
        FlowDocument result = FlowEdits.apply(flow, List.of(edits));
        assertThat(new FlowCodec().write(flow, FlowFormat.JSON)).as("the input document is unchanged").isEqualTo(saved);
        return result;
    }

    private Problem refusal(FlowEdit... edits) {
        var error = (FlowException) catchThrowable(() -> FlowEdits.apply(flow, List.of(edits)));
        assertThat(error).as("a refusal").isNotNull();
        assertThat(error.problems()).hasSize(1);
        Problem problem = error.problems().getFirst();
        assertThat(problem.code()).isEqualTo(EngineErrorCode.INVALID_EDIT);
        assertThat(new FlowCodec().write(flow, FlowFormat.JSON)).isEqualTo(saved);
        return problem;
    }

    private static ObjectNode settings(String key, String value) {
        return JsonNodeFactory.instance.objectNode().put(key, value);
    }

    private static FlowNode node(String id) {
        return new FlowNode(id, "test_query", settings("sql", "SELECT 1"), null, null, false);
    }

    @Test
    void noEditsGiveAnEqualDocument() {
        assertThat(apply()).isEqualTo(flow);
    }

    @Test
    void addNodeAppendsTheNode() {
        FlowDocument result = apply(new FlowEdit.AddNode(node("q")));
        assertThat(result.nodes()).extracting(FlowNode::id).containsExactly("a", "b", "j", "q");
        assertThat(result.node("q")).contains(node("q"));
    }

    @Test
    void addNodeRefusesATakenId() {
        Problem problem = refusal(new FlowEdit.AddNode(node("q")), new FlowEdit.AddNode(node("b")));
        assertThat(problem.nodeId()).isEqualTo("b");
        assertThat(problem.path()).isEqualTo("edits[1].node.id");
        assertThat(problem.message()).isEqualTo("node id 'b' is already used (nodes: a, b, j, q); choose another id");
    }

    @Test
    void addNodeRefusesAMalformedId() {
        Problem problem = refusal(new FlowEdit.AddNode(node("bad id!")));
        assertThat(problem.nodeId()).isNull();
        assertThat(problem.path()).isEqualTo("edits[0].node.id");
        assertThat(problem.message()).isEqualTo("node id 'bad id!' may hold only letters, digits, '-' and '_'");
    }

    @Test
    void removeNodesDropsTheNodesAndEveryEdgeTouchingThem() {
        FlowDocument result = apply(new FlowEdit.RemoveNodes(List.of("b")));
        assertThat(result.nodes()).extracting(FlowNode::id).containsExactly("a", "j");
        assertThat(result.edges()).containsExactly(Edge.of("a", "j.left"));
        assertThat(apply(new FlowEdit.RemoveNodes(List.of("j", "a"))).edges()).isEmpty();
    }

    @Test
    void removeNodesRefusesAnUnknownIdAndRemovesNothing() {
        Problem problem = refusal(new FlowEdit.RemoveNodes(List.of("a", "x")));
        assertThat(problem.nodeId()).isNull();
        assertThat(problem.path()).isEqualTo("edits[0].nodes[1]");
        assertThat(problem.message()).isEqualTo("no node 'x' in the flow (nodes: a, b, j)");
    }

    @Test
    void connectAppendsTheEdge() {
        FlowDocument result = apply(new FlowEdit.Connect(Edge.of("a", "b")));
        assertThat(result.edges()).containsExactly(Edge.of("a", "j.left"), Edge.of("b", "j.right"), Edge.of("a", "b"));
    }

    @Test
    void connectLeavesPortsAndCyclesToValidation() {
        FlowDocument result = apply(new FlowEdit.Connect(Edge.of("j", "a.nowhere")));
        assertThat(result.edges()).contains(Edge.of("j", "a.nowhere"));
    }

    @Test
    void connectRefusesAMissingNode() {
        Problem from = refusal(new FlowEdit.Connect(Edge.of("x", "j.left")));
        assertThat(from.path()).isEqualTo("edits[0].from");
        assertThat(from.message()).isEqualTo("no node 'x' in the flow (nodes: a, b, j)");
        Problem to = refusal(new FlowEdit.Rename("r"), new FlowEdit.Connect(Edge.of("a", "y.left")));
        assertThat(to.path()).isEqualTo("edits[1].to");
        assertThat(to.message()).contains("no node 'y'");
    }

    @Test
    void connectRefusesAnEdgeAlreadyThere() {
        Problem problem = refusal(new FlowEdit.Connect(Edge.of("a", "j.left")));
        assertThat(problem.nodeId()).isEqualTo("j");
        assertThat(problem.path()).isEqualTo("edits[0]");
        assertThat(problem.message()).isEqualTo("the edge a -> j.left is already in the flow");
    }

    @Test
    void disconnectRemovesTheEdgeKeepingTheOrderOfTheOthers() {
        FlowDocument result = apply(new FlowEdit.Connect(Edge.of("a", "b")), new FlowEdit.Disconnect(Edge.of("b", "j.right")));
        assertThat(result.edges()).containsExactly(Edge.of("a", "j.left"), Edge.of("a", "b"));
    }

    @Test
    void disconnectRefusesAnEdgeNotThereNamingTheEdgesIntoItsTarget() {
        Problem problem = refusal(new FlowEdit.Disconnect(Edge.of("b", "j.left")));
        assertThat(problem.nodeId()).isEqualTo("j");
        assertThat(problem.path()).isEqualTo("edits[0]");
        assertThat(problem.message()).isEqualTo("no edge b -> j.left in the flow (edges into 'j': a -> j.left, b -> j.right)");
        assertThat(refusal(new FlowEdit.Disconnect(Edge.of("a", "b"))).message())
                .isEqualTo("no edge a -> b in the flow ('b' has no incoming edges)");
    }

    @Test
    void updateSettingsReplacesTheSettings() {
        FlowDocument result = apply(new FlowEdit.UpdateSettings("j", settings("how", "left")));
        assertThat(result.node("j").orElseThrow().settings()).isEqualTo(settings("how", "left"));
        assertThat(result.node("j").orElseThrow().type()).isEqualTo("test_join");
    }

    @Test
    void moveRelabelAndSetCacheChangeOnlyTheirField() {
        FlowDocument result = apply(new FlowEdit.Move("a", new FlowNode.Position(5, 6)), new FlowEdit.SetCache("a", true),
                new FlowEdit.Relabel("b", "Customers"));
        FlowNode a = result.node("a").orElseThrow();
        assertThat(a.position()).isEqualTo(new FlowNode.Position(5, 6));
        assertThat(a.cache()).isTrue();
        assertThat(a.label()).isEqualTo("Orders");
        assertThat(a.settings()).isEqualTo(flow.node("a").orElseThrow().settings());
        assertThat(result.node("b").orElseThrow().label()).isEqualTo("Customers");
        assertThat(result.nodes()).extracting(FlowNode::id).containsExactly("a", "b", "j");
    }

    @Test
    void relabelWithNullOrBlankClearsTheLabel() {
        assertThat(apply(new FlowEdit.Relabel("a", "  ")).node("a").orElseThrow().label()).isNull();
        assertThat(apply(new FlowEdit.Relabel("a", null)).node("a").orElseThrow().label()).isNull();
    }

    @Test
    void nodeEditsRefuseAnUnknownNodeAtTheirNodeKey() {
        List<FlowEdit> edits = List.of(new FlowEdit.UpdateSettings("x", settings("k", "v")), new FlowEdit.Move("x", new FlowNode.Position(0, 0)),
                new FlowEdit.Relabel("x", "X"), new FlowEdit.SetCache("x", true));
        for (FlowEdit edit : edits) {
            Problem problem = refusal(new FlowEdit.Describe("first"), edit);
            assertThat(problem.path()).isEqualTo("edits[1].node");
            assertThat(problem.nodeId()).isNull();
            assertThat(problem.message()).isEqualTo("no node 'x' in the flow (nodes: a, b, j)");
        }
    }

    @Test
    void theExceptionMessageNamesTheEdit() {
        assertThatThrownBy(() -> FlowEdits.apply(flow, List.of(new FlowEdit.Rename("r"), new FlowEdit.Rename("s"), new FlowEdit.SetCache("x", true))))
                .isInstanceOf(FlowException.class)
                .hasMessage("flow, edits[2].node: no node 'x' in the flow (nodes: a, b, j) [INVALID_EDIT]");
    }

    @Test
    void longNodeListsAreCut() {
        FlowDocument many = FlowEdits.apply(flow, IntStream.range(0, 30).<FlowEdit>mapToObj(i -> new FlowEdit.AddNode(node("n" + i))).toList());
        assertThatThrownBy(() -> FlowEdits.apply(many, List.of(new FlowEdit.SetCache("x", true))))
                .hasMessageContaining("n16 and 13 more)");
        assertThatThrownBy(() -> FlowEdits.apply(FlowEdits.apply(flow, List.of(new FlowEdit.RemoveNodes(List.of("a", "b", "j")))),
                List.of(new FlowEdit.SetCache("x", true))))
                .hasMessageContaining("no node 'x' in the flow (the flow has no nodes)");
    }

    @Test
    void documentEditsChangeNameDescriptionAndParameters() {
        FlowDocument result = apply(new FlowEdit.Rename("renamed"), new FlowEdit.Describe(null),
                new FlowEdit.SetParameters(Map.of("country", "NL")));
        assertThat(result.name()).isEqualTo("renamed");
        assertThat(result.description()).isEmpty();
        assertThat(result.parameters()).containsExactly(Map.entry("country", "NL"));
        assertThat(result.nodes()).isEqualTo(flow.nodes());
        assertThat(result.edges()).isEqualTo(flow.edges());
    }

    @Test
    void editsApplyInOrderAndSeeEachOther() {
        FlowDocument result = apply(new FlowEdit.AddNode(node("q")), new FlowEdit.Connect(Edge.of("j", "q")),
                new FlowEdit.RemoveNodes(List.of("a")), new FlowEdit.AddNode(node("a")));
        assertThat(result.nodes()).extracting(FlowNode::id).containsExactly("b", "j", "q", "a");
        assertThat(result.edges()).containsExactly(Edge.of("b", "j.right"), Edge.of("j", "q"));
        assertThat(result.node("a")).contains(node("a"));
    }

    @Test
    void recordsCheckTheirArguments() {
        assertThatThrownBy(() -> new FlowEdit.AddNode(null)).hasMessage("node is null");
        assertThatThrownBy(() -> new FlowEdit.RemoveNodes(Arrays.asList("a", null))).hasMessage("nodeIds holds null");
        assertThatThrownBy(() -> new FlowEdit.Connect(null)).hasMessage("edge is null");
        assertThatThrownBy(() -> new FlowEdit.UpdateSettings("a", null)).hasMessage("settings is null");
        assertThatThrownBy(() -> new FlowEdit.Move("a", null)).hasMessage("position is null");
        assertThatThrownBy(() -> new FlowEdit.SetCache(null, true)).hasMessage("nodeId is null");
        assertThatThrownBy(() -> new FlowEdit.Rename(" ")).isInstanceOf(IllegalArgumentException.class).hasMessage("name is blank");
        assertThatThrownBy(() -> new FlowEdit.SetParameters(Map.of("bad name", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad name'");
    }

    @Test
    void updateSettingsHoldsItsOwnCopy() {
        ObjectNode settings = settings("how", "left");
        var edit = new FlowEdit.UpdateSettings("j", settings);
        settings.put("how", "changed");
        edit.settings().put("how", "changed too");
        assertThat(edit.settings()).isEqualTo(settings("how", "left"));
    }
}
