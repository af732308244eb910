package io.flowfile.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowfile.engine.flow.FlowDiff.DocumentChange;
import io.flowfile.engine.flow.FlowDiff.NodeChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FLOW = """
            flowfile: 1
            name: orders
            parameters: {threshold: "10", country: NL}
            nodes:
              - id: a
                type: test_table
                label: Orders
                position: {x: 1.0, y: 2.0}
                settings: {columns: "id INTEGER", rows: ["(1)", "(2)"]}
              - id: b
                type: test_table
                settings: {}
              - id: j
                type: test_join
                settings:
                  how: inner
                  keys: [{left: id, right: id}, {left: day, right: date}]
                  options: {nulls: false}
              - id: u
                type: test_union
                settings: {}
            edges:
              - {from: a, to: j.left}
              - {from: b, to: j.right}
              - {from: a, to: u}
              - {from: b, to: u}
            """;

    private final FlowDocument before = new FlowCodec().read(FLOW, FlowFormat.YAML);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode object(String text) {
        return (ObjectNode) json(text);
    }

    private FlowDocument edited(FlowEdit... edits) {
        return FlowEdits.apply(before, List.of(edits));
    }

    @Test
    void identicalDocumentsGiveAnEmptyDiff() {
        FlowDiff diff = FlowDiff.between(before, new FlowCodec().read(FLOW, FlowFormat.YAML));
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff).isEqualTo(new FlowDiff(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void positionsAndTheOrderOfNodesAreIgnored() {
        FlowDocument moved = edited(new FlowEdit.Move("a", new FlowNode.Position(300, 400)), new FlowEdit.Move("b", new FlowNode.Position(0, 0)));
        assertThat(FlowDiff.between(before, moved).isEmpty()).isTrue();
        var nodes = new ArrayList<>(before.nodes());
        Collections.reverse(nodes);
        var reversed = new FlowDocument(1, before.name(), before.description(), before.parameters(), nodes, before.edges());
        assertThat(FlowDiff.between(before, reversed).isEmpty()).isTrue();
    }

    @Test
    void addedAndRemovedNodesAreListedWithTheirEdges() {
        FlowDocument after = edited(new FlowEdit.RemoveNodes(List.of("b")),
                new FlowEdit.AddNode(new FlowNode("q", "test_query", object("{}"), null, null, false)),
                new FlowEdit.AddNode(new FlowNode("p", "test_query", object("{}"), null, null, false)),
                new FlowEdit.Connect(Edge.of("a", "q")), new FlowEdit.Connect(Edge.of("q", "j.right")));
        FlowDiff diff = FlowDiff.between(before, after);
        assertThat(diff.nodesAdded()).containsExactly("q", "p");
        assertThat(diff.nodesRemoved()).containsExactly("b");
        assertThat(diff.nodesChanged()).isEmpty();
        assertThat(diff.edgesAdded()).containsExactly(Edge.of("a", "q"), Edge.of("q", "j.right"));
        assertThat(diff.edgesRemoved()).containsExactly(Edge.of("b", "j.right"), Edge.of("b", "u"));
        assertThat(diff.inputsReordered()).isEmpty();
        assertThat(diff.isEmpty()).isFalse();
    }

    @Test
    void changedSettingsAreReportedAtTheirPathIncludingInsideLists() {
        FlowDocument after = edited(new FlowEdit.UpdateSettings("j", object("""
                {"how": "left",
                 "keys": [{"left": "id", "right": "id"}, {"left": "day", "right": "day"}],
                 "options": {"nulls": true, "limit": 5}}
                """)));
        assertThat(FlowDiff.between(before, after).nodesChanged()).containsExactly(
                new NodeChange("j", "settings.how", TextNode.valueOf("inner"), TextNode.valueOf("left")),
                new NodeChange("j", "settings.keys[1].right", TextNode.valueOf("date"), TextNode.valueOf("day")),
                new NodeChange("j", "settings.options.nulls", BooleanNode.FALSE, BooleanNode.TRUE),
                new NodeChange("j", "settings.options.limit", null, json("5")));
    }

    @Test
    void aListWhoseLengthChangedIsReportedOnceWhole() {
        FlowDocument after = edited(new FlowEdit.UpdateSettings("a", object("""
                {"columns": "id INTEGER", "rows": ["(0)", "(1)", "(2)"]}
                """)));
        assertThat(FlowDiff.between(before, after).nodesChanged()).containsExactly(
                new NodeChange("a", "settings.rows", json("[\"(1)\", \"(2)\"]"), json("[\"(0)\", \"(1)\", \"(2)\"]")));
    }

    @Test
    void removedSettingsAndChangedKindsAreReported() {
        FlowDocument after = edited(new FlowEdit.UpdateSettings("j", object("""
                {"how": null, "keys": "id", "options": {"nulls": false}}
                """)));
        assertThat(FlowDiff.between(before, after).nodesChanged()).containsExactly(
                new NodeChange("j", "settings.how", TextNode.valueOf("inner"), NullNode.getInstance()),
                new NodeChange("j", "settings.keys", json("[{\"left\": \"id\", \"right\": \"id\"}, {\"left\": \"day\", \"right\": \"date\"}]"),
                        TextNode.valueOf("id")));
        FlowDocument emptied = edited(new FlowEdit.UpdateSettings("j", object("{\"how\": \"inner\", \"keys\": []}")));
        assertThat(FlowDiff.between(before, emptied).nodesChanged()).extracting(NodeChange::path, NodeChange::after)
                .containsExactly(tuple("settings.keys", json("[]")),
                        tuple("settings.options", null));
    }

    @Test
    void numbersCompareByValue() {
        FlowDocument one = edited(new FlowEdit.UpdateSettings("b", object("{\"n\": 1, \"list\": [2]}")));
        FlowDocument oneAgain = FlowEdits.apply(one, List.of(new FlowEdit.UpdateSettings("b", object("{\"n\": 1.0, \"list\": [2.00]}"))));
        assertThat(FlowDiff.between(one, oneAgain).isEmpty()).isTrue();
        FlowDocument two = FlowEdits.apply(one, List.of(new FlowEdit.UpdateSettings("b", object("{\"n\": 1.5, \"list\": [2]}"))));
        assertThat(FlowDiff.between(one, two).nodesChanged()).extracting(NodeChange::path).containsExactly("settings.n");
    }

    @Test
    void typeLabelAndCacheAreReportedBeforeSettingsInDocumentOrderOfNodes() {
        var changed = new FlowNode("a", "test_csv", object("{\"columns\": \"id INTEGER\", \"rows\": [\"(1)\", \"(2)\"]}"), null, null, true);
        FlowDocument after = edited(new FlowEdit.RemoveNodes(List.of("a")), new FlowEdit.AddNode(changed),
                new FlowEdit.Connect(Edge.of("a", "j.left")), new FlowEdit.Connect(Edge.of("a", "u")),
                new FlowEdit.Relabel("b", "Customers"), new FlowEdit.UpdateSettings("b", object("{\"x\": 1}")));
        FlowDiff diff = FlowDiff.between(before, after);
        assertThat(diff.nodesChanged()).containsExactly(
                new NodeChange("b", "label", null, TextNode.valueOf("Customers")),
                new NodeChange("b", "settings.x", null, json("1")),
                new NodeChange("a", "type", TextNode.valueOf("test_table"), TextNode.valueOf("test_csv")),
                new NodeChange("a", "label", TextNode.valueOf("Orders"), null),
                new NodeChange("a", "cache", BooleanNode.FALSE, BooleanNode.TRUE));
        assertThat(diff.edgesAdded()).isEmpty();
        assertThat(diff.edgesRemoved()).isEmpty();
    }

    @Test
    void theOrderOfEdgesIntoOnePortCounts() {
        var swapped = List.of(Edge.of("a", "j.left"), Edge.of("b", "j.right"), Edge.of("b", "u"), Edge.of("a", "u"));
        var after = new FlowDocument(1, before.name(), before.description(), before.parameters(), before.nodes(), swapped);
        FlowDiff diff = FlowDiff.between(before, after);
        assertThat(diff.inputsReordered()).containsExactly(PortRef.main("u"));
        assertThat(diff.edgesAdded()).isEmpty();
        assertThat(diff.edgesRemoved()).isEmpty();
        assertThat(diff.isEmpty()).isFalse();
        var otherPortsSwapped = List.of(Edge.of("b", "j.right"), Edge.of("a", "j.left"), Edge.of("a", "u"), Edge.of("b", "u"));
        var same = new FlowDocument(1, before.name(), before.description(), before.parameters(), before.nodes(), otherPortsSwapped);
        assertThat(FlowDiff.between(before, same).isEmpty()).isTrue();
    }

    @Test
    void anEdgePresentTwiceCountsTwice() {
        var twice = new ArrayList<>(before.edges());
        twice.add(Edge.of("a", "u"));
        var after = new FlowDocument(1, before.name(), before.description(), before.parameters(), before.nodes(), twice);
        assertThat(FlowDiff.between(before, after).edgesAdded()).containsExactly(Edge.of("a", "u"));
        assertThat(FlowDiff.between(after, before).edgesRemoved()).containsExactly(Edge.of("a", "u"));
    }

    @Test
    void nameDescriptionAndParametersAreReportedPerKey() {
        FlowDocument after = edited(new FlowEdit.Rename("sales"), new FlowEdit.Describe("now with sales"),
                new FlowEdit.SetParameters(Map.of("threshold", "20", "year", "2024")));
        assertThat(FlowDiff.between(before, after).documentChanges()).containsExactly(
                new DocumentChange("name", "orders", "sales"),
                new DocumentChange("description", "", "now with sales"),
                new DocumentChange("parameters.country", "NL", null),
                new DocumentChange("parameters.threshold", "10", "20"),
                new DocumentChange("parameters.year", null, "2024"));
    }

    @Test
    void changesHoldTheirOwnCopies() {
        ObjectNode value = object("{\"k\": 1}");
        var change = new NodeChange("a", "settings.o", null, value);
        value.put("k", 2);
        ((ObjectNode) change.after()).put("k", 3);
        assertThat(change.after()).isEqualTo(json("{\"k\": 1}"));
    }
}
