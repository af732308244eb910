package io.flowfile.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowEditCodecTest {

    private final FlowEditCodec codec = new FlowEditCodec();

    private static final List<FlowEdit> EVERY_KIND = List.of(
            new FlowEdit.AddNode(new FlowNode("q", "test_query", JsonNodeFactory.instance.objectNode().put("sql", "SELECT 1"),
                    new FlowNode.Position(10, 20.5), "Query", true)),
            new FlowEdit.AddNode(new FlowNode("bare", "test_table", JsonNodeFactory.instance.objectNode(), null, null, false)),
            new FlowEdit.AddNode(new FlowNode("custom", "top_n", JsonNodeFactory.instance.objectNode(), null, null, false, 2)),
            new FlowEdit.RemoveNodes(List.of("a", "b")),
            new FlowEdit.Connect(Edge.of("a", "j.left")),
            new FlowEdit.Disconnect(Edge.of("b", "j")),
            new FlowEdit.UpdateSettings("j", (ObjectNode) JsonNodeFactory.instance.objectNode()
                    .put("how", "left").set("keys", JsonNodeFactory.instance.arrayNode().add("id"))),
            new FlowEdit.Move("a", new FlowNode.Position(-3.5, 4)),
            new FlowEdit.Relabel("a", "Orders"),
            new FlowEdit.Relabel("a", null),
            new FlowEdit.SetCache("a", false),
            new FlowEdit.SetTypeVersion("custom", 3),
            new FlowEdit.SetParameters(Map.of("threshold", "10", "country", "NL")),
            new FlowEdit.Rename("orders"),
            new FlowEdit.Describe("about orders"));

    /** The problems of reading edits that cannot be read. */
    private List<Problem> problems(String json) {
        Throwable error = catchThrowable(() -> codec.read(json));
        assertThat(error).isInstanceOf(FlowException.class);
        return ((FlowException) error).problems();
    }

    /** The one problem of reading a good edit followed by {@code edit}. */
    private Problem problem(String edit) {
        List<Problem> problems = problems("[{\"op\": \"rename\", \"name\": \"fine\"}, " + edit + "]");
        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst().code()).isEqualTo(EngineErrorCode.MALFORMED_DOCUMENT);
        return problems.getFirst();
    }

    @Test
    void everyOpRoundTrips() {
        assertThat(codec.read(codec.write(EVERY_KIND))).isEqualTo(EVERY_KIND);
        assertThat(codec.fromTree(codec.toTree(EVERY_KIND))).isEqualTo(EVERY_KIND);
        assertThat(codec.toTree(EVERY_KIND)).extracting(edit -> edit.get("op").asText()).containsExactly(
                "add_node", "add_node", "add_node", "remove_nodes", "connect", "disconnect", "update_settings", "move", "relabel", "relabel",
                "set_cache", "set_type_version", "set_parameters", "rename", "describe");
        assertThat(codec.toTree(EVERY_KIND)).extracting(edit -> edit.get("op").asText()).containsAll(FlowEditCodec.OPS);
    }

    @Test
    void writesTheDocumentedShape() {
        assertThat(codec.write(List.of(new FlowEdit.Connect(Edge.of("a", "j.left")), new FlowEdit.Move("a", new FlowNode.Position(1, 2)),
                new FlowEdit.AddNode(new FlowNode("q", "test_query", JsonNodeFactory.instance.objectNode(), null, null, false)))))
                .isEqualTo("[{\"op\":\"connect\",\"from\":\"a\",\"to\":\"j.left\"},{\"op\":\"move\",\"node\":\"a\",\"x\":1.0,\"y\":2.0},"
                        + "{\"op\":\"add_node\",\"node\":{\"id\":\"q\",\"type\":\"test_query\",\"settings\":{}}}]");
    }

    @Test
    void readsTheFormTheUiSends() {
        List<FlowEdit> edits = codec.read("""
                [{"op": "move", "node": "a", "x": 1, "y": 2},
                 {"op": "relabel", "node": "a", "label": ""},
                 {"op": "describe"},
                 {"op": "set_parameters", "parameters": {"n": 5, "empty": null}}]
                """);
        assertThat(edits).containsExactly(new FlowEdit.Move("a", new FlowNode.Position(1, 2)), new FlowEdit.Relabel("a", null),
                new FlowEdit.Describe(""), new FlowEdit.SetParameters(Map.of("n", "5", "empty", "")));
    }

    @Test
    void refusesWhatIsNotAListOfObjects() {
        assertThat(problems("{\"op\": \"rename\"}")).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("edits");
            assertThat(problem.message()).startsWith("edits are a JSON array of objects tagged by 'op' (add_node, remove_nodes,");
        });
        assertThat(problems("")).singleElement().extracting(Problem::path).isEqualTo("edits");
        assertThat(problem("\"rename\"")).satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("edits[1]");
            assertThat(problem.message()).startsWith("an edit is an object tagged by 'op'").endsWith("not a string");
        });
    }

    @Test
    void refusesJsonThatDoesNotParse() {
        assertThat(problems("[{\"op\": }]")).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(EngineErrorCode.MALFORMED_DOCUMENT);
            assertThat(problem.message()).startsWith("edits are not valid JSON at line 1");
        });
    }

    @Test
    void refusesAKeyGivenTwiceAndTextAfterTheEdits() {
        assertThat(problems("[{\"op\": \"rename\", \"name\": \"a\", \"name\": \"b\"}]")).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("'name'", "twice"));
        assertThat(problems("[{\"op\": \"rename\", \"name\": \"a\"}] [1]")).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("after the document"));
    }

    @Test
    void refusesAMissingOrUnknownOpListingTheKnownOps() {
        assertThat(problem("{\"name\": \"x\"}")).satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("edits[1].op");
            assertThat(problem.message()).isEqualTo("'op' is required; one of: " + String.join(", ", FlowEditCodec.OPS));
        });
        assertThat(problem("{\"op\": \"explode\"}")).satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("edits[1].op");
            assertThat(problem.message()).isEqualTo("unknown op 'explode'; one of: add_node, remove_nodes, connect, disconnect, "
                    + "update_settings, move, relabel, set_cache, set_type_version, set_parameters, rename, describe");
        });
        assertThat(problem("{\"op\": 7}").message()).startsWith("unknown op 7;");
    }

    @Test
    void refusesUnknownKeysNamingThemAndTheAllowedOnes() {
        Problem problem = problem("{\"op\": \"move\", \"node\": \"a\", \"x\": 1, \"y\": 2, \"z\": 3}");
        assertThat(problem.path()).isEqualTo("edits[1].z");
        assertThat(problem.message()).isEqualTo("unknown key 'z'; allowed: node, op, x, y");
    }

    @Test
    void refusesMissingFields() {
        assertThat(problem("{\"op\": \"connect\", \"from\": \"a\"}")).extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].to", "'to' is required");
        assertThat(problem("{\"op\": \"update_settings\", \"node\": \"a\"}").path()).isEqualTo("edits[1].settings");
        assertThat(problem("{\"op\": \"add_node\"}").path()).isEqualTo("edits[1].node");
        assertThat(problem("{\"op\": \"remove_nodes\"}").path()).isEqualTo("edits[1].nodes");
        assertThat(problem("{\"op\": \"set_cache\", \"node\": \"a\"}").path()).isEqualTo("edits[1].cache");
        assertThat(problem("{\"op\": \"set_parameters\"}").path()).isEqualTo("edits[1].parameters");
        assertThat(problem("{\"op\": \"set_type_version\", \"node\": \"a\", \"version\": 0}")).extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].version", "'version' must be a whole number of 1 or more");
        assertThat(problem("{\"op\": \"rename\", \"name\": \" \"}")).extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].name", "'name' must not be blank");
    }

    @Test
    void refusesWrongTypesNamingWhatWasGiven() {
        assertThat(problem("{\"op\": \"move\", \"node\": \"a\", \"x\": \"1\", \"y\": 2}")).extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].x", "'x' must be a number, not a string");
        assertThat(problem("{\"op\": \"set_cache\", \"node\": \"a\", \"cache\": \"yes\"}")).extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].cache", "'cache' must be true or false, not a string");
        assertThat(problem("{\"op\": \"update_settings\", \"node\": \"a\", \"settings\": [1]}")).extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].settings", "'settings' must be an object, not a list");
        assertThat(problem("{\"op\": \"relabel\", \"node\": 3}")).extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].node", "'node' must be a string, not a number");
        assertThat(problem("{\"op\": \"relabel\", \"node\": \"a\", \"label\": {}}")).extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].label", "'label' must be a string, not an object");
        assertThat(problem("{\"op\": \"remove_nodes\", \"nodes\": \"a\"}")).extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].nodes", "'nodes' must be a list of node ids, not a string");
        assertThat(problem("{\"op\": \"remove_nodes\", \"nodes\": [\"a\", 2]}")).extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].nodes[1]", "a node id is a non-empty string, not a number");
        assertThat(problem("{\"op\": \"connect\", \"from\": [\"a\"], \"to\": \"b\"}").path()).isEqualTo("edits[1].from");
        assertThat(problem("{\"op\": \"describe\", \"description\": false}").path()).isEqualTo("edits[1].description");
    }

    @Test
    void refusesParametersAsADocumentDoes() {
        assertThat(problem("{\"op\": \"set_parameters\", \"parameters\": {\"bad name\": \"1\"}}")).extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].parameters.bad name", "a parameter name has only letters, digits, '-' and '_'");
        assertThat(problem("{\"op\": \"set_parameters\", \"parameters\": {\"list\": [1]}}").path()).isEqualTo("edits[1].parameters.list");
        assertThat(problem("{\"op\": \"set_parameters\", \"parameters\": 5}").path()).isEqualTo("edits[1].parameters");
    }

    @Test
    void refusesANodeAsADocumentDoes() {
        assertThat(problem("{\"op\": \"add_node\", \"node\": {\"id\": \"bad id!\", \"type\": \"t\"}}")).extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].node.id", "node id 'bad id!' may hold only letters, digits, '-' and '_'");
        assertThat(problem("{\"op\": \"add_node\", \"node\": {\"id\": \"a\", \"type\": \"t\", \"colour\": \"red\"}}"))
                .extracting(Problem::path, Problem::message)
                .containsExactly("edits[1].node.colour", "unknown key 'colour'; allowed: cache, id, label, position, settings, type, type_version");
        assertThat(problem("{\"op\": \"add_node\", \"node\": {\"id\": \"a\", \"type\": \"t\", \"cache\": 1}}").path())
                .isEqualTo("edits[1].node.cache");
        assertThat(problem("{\"op\": \"add_node\", \"node\": {\"id\": \"a\", \"type\": \"t\", \"position\": {\"x\": 1}}}").path())
                .isEqualTo("edits[1].node.position");
        assertThat(problem("{\"op\": \"add_node\", \"node\": [\"a\"]}").path()).isEqualTo("edits[1].node");
    }

    @Test
    void reportsEveryMalformedEditAtOnce() {
        assertThat(problems("""
                [{"op": "move", "node": "a", "x": true, "y": null},
                 {"op": "rename", "name": "ok"},
                 {"op": "nope"},
                 {"op": "connect", "from": "a", "to": "b", "via": "c"}]
                """)).extracting(Problem::path).containsExactly("edits[0].x", "edits[0].y", "edits[2].op", "edits[3].via");
    }

    @Test
    void readEditsApplyToADocument() {
        FlowDocument flow = new FlowDocument(1, "f", "", Map.of(), List.of(), List.of());
        FlowDocument result = FlowEdits.apply(flow, codec.read("""
                [{"op": "add_node", "node": {"id": "a", "type": "test_table", "settings": {"rows": []}}},
                 {"op": "add_node", "node": {"id": "b", "type": "test_query", "settings": {}}},
                 {"op": "connect", "from": "a", "to": "b"},
                 {"op": "rename", "name": "g"}]
                """));
        assertThat(result.name()).isEqualTo("g");
        assertThat(result.nodes()).extracting(FlowNode::id).containsExactly("a", "b");
        assertThat(result.edges()).containsExactly(Edge.of("a", "b"));
    }
}
