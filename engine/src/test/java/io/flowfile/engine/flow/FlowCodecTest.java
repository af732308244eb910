package io.flowfile.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowCodecTest {

    private static final String FLOW = """
            flowfile: 1
            name: orders
            description: a small flow
            parameters:
              threshold: "10"
              country: NL
            nodes:
              - id: source
                type: test_table
                label: Orders
                position: {x: 10.0, y: 20.5}
                settings:
                  columns: "id INTEGER, amount DOUBLE"
                  rows: ["(1, 5.0)", "(2, 15.0)"]
              - id: big
                type: test_query
                cache: true
                settings:
                  sql: "SELECT * FROM {main} WHERE amount > ${threshold}"
            edges:
              - from: source
                to: big
            """;

    private final FlowCodec codec = new FlowCodec();

    @Test
    void readsYamlIntoADocument() {
        FlowDocument document = codec.read(FLOW, FlowFormat.YAML);
        assertThat(document.name()).isEqualTo("orders");
        assertThat(document.parameters()).containsEntry("threshold", "10").containsEntry("country", "NL");
        assertThat(document.nodes()).extracting(FlowNode::id).containsExactly("source", "big");
        assertThat(document.nodes().getFirst().position()).isEqualTo(new FlowNode.Position(10.0, 20.5));
        assertThat(document.nodes().get(1).cache()).isTrue();
        assertThat(document.edges()).containsExactly(Edge.of("source", "big"));
    }

    @Test
    void savingIsStableAndRoundTripsBetweenJsonAndYaml() {
        FlowDocument document = codec.read(FLOW, FlowFormat.YAML);
        String json = codec.write(document, FlowFormat.JSON);
        String yaml = codec.write(document, FlowFormat.YAML);
        assertThat(codec.write(codec.read(json, FlowFormat.JSON), FlowFormat.JSON)).isEqualTo(json);
        assertThat(codec.write(codec.read(yaml, FlowFormat.YAML), FlowFormat.YAML)).isEqualTo(yaml);
        assertThat(codec.read(json, FlowFormat.JSON)).isEqualTo(document);
        assertThat(codec.read(yaml, FlowFormat.YAML)).isEqualTo(document);
        assertThat(codec.write(codec.read(yaml, FlowFormat.YAML), FlowFormat.JSON)).isEqualTo(json);
    }

    @Test
    void parametersAreSavedSortedByName() {
        String yaml = codec.write(codec.read(FLOW, FlowFormat.YAML), FlowFormat.YAML);
        assertThat(yaml.indexOf("country:")).isLessThan(yaml.indexOf("threshold:"));
    }

    @Test
    void portsOtherThanMainAreWrittenAfterADot() {
        var edge = Edge.of("orders", "join.left");
        assertThat(edge.to()).isEqualTo(new PortRef("join", "left"));
        assertThat(edge.to().toString()).isEqualTo("join.left");
        assertThat(edge.from().port()).isEqualTo("main");
    }

    @Test
    void reportsEveryProblemOfAMalformedDocumentAtOnce() {
        String broken = """
                flowfile: 7
                nodes:
                  - id: a
                    type: test_table
                  - id: a
                    type: test_query
                  - id: "bad id!"
                    type: test_query
                  - type: test_query
                    colour: red
                edges:
                  - from: a
                """;
        assertThatThrownBy(() -> codec.read(broken, FlowFormat.YAML))
                .isInstanceOfSatisfying(FlowException.class, error -> assertThat(error.problems())
                        .extracting(Problem::path)
                        .contains("flowfile", "name", "nodes[1].id", "nodes[2].id", "nodes[3].id", "nodes[3].colour", "edges[0].to"));
        assertThatThrownBy(() -> codec.read(broken, FlowFormat.YAML))
                .isInstanceOfSatisfying(FlowException.class, error -> assertThat(error.problems())
                        .anySatisfy(problem -> {
                            assertThat(problem.code()).isEqualTo(EngineErrorCode.DUPLICATE_NODE_ID);
                            assertThat(problem.message()).contains("'a'");
                        }));
    }

    @Test
    void reportsTheLineOfASyntaxError() {
        assertThatThrownBy(() -> codec.read("{\"flowfile\": 1,\n \"name\": }", FlowFormat.JSON))
                .isInstanceOf(FlowException.class)
                .hasMessageContaining("line 2");
    }

    private static FlowException refused(String text, FlowFormat format) {
        try {
            codec().read(text, format);
        } catch (FlowException e) {
            return e;
        }
        throw new AssertionError("accepted: " + text);
    }

    private static FlowCodec codec() {
        return new FlowCodec();
    }

    @Test
    void aKeyGivenTwiceInYamlIsRefusedNamingItAndItsLine() {
        FlowException inSettings = refused("""
                flowfile: 1
                name: twice
                nodes:
                  - id: a
                    type: test_csv_sink
                    settings:
                      path: one.csv
                      path: two.csv
                edges: []
                """, FlowFormat.YAML);
        assertThat(inSettings.getMessage()).contains("'path'", "line 8");
        FlowException inNode = refused("""
                flowfile: 1
                name: twice
                nodes:
                  - {id: a, type: test_table, type: test_query}
                edges: []
                """, FlowFormat.YAML);
        assertThat(inNode.getMessage()).contains("'type'");
        assertThat(refused("flowfile: 1\nname: a\nname: b\nnodes: []\n", FlowFormat.YAML).getMessage()).contains("'name'");
    }

    @Test
    void aKeyGivenTwiceInJsonIsRefusedNamingIt() {
        FlowException error = refused("""
                {"flowfile": 1, "name": "twice", "edges": [],
                 "nodes": [{"id": "a", "type": "test_csv_sink", "settings": {"path": "one.csv", "path": "two.csv"}}]}
                """, FlowFormat.JSON);
        assertThat(error.getMessage()).contains("'path'", "line 2");
        assertThat(error.problems()).singleElement().satisfies(problem -> assertThat(problem.code()).isEqualTo(EngineErrorCode.MALFORMED_DOCUMENT));
    }

    @Test
    void textAfterTheDocumentIsRefused() {
        assertThat(refused("{\"flowfile\": 1, \"name\": \"a\", \"nodes\": []} trailing", FlowFormat.JSON).getMessage())
                .contains("'trailing'");
        assertThat(refused("{\"flowfile\": 1, \"name\": \"a\", \"nodes\": []} 42", FlowFormat.JSON).getMessage())
                .contains("after the document");
        assertThat(refused("{\"flowfile\": 1, \"name\": \"a\", \"nodes\": []}\n{\"flowfile\": 1}", FlowFormat.JSON).getMessage())
                .contains("after the document");
        assertThat(refused("flowfile: 1\nname: a\nnodes: []\n---\nflowfile: 1\n", FlowFormat.YAML).getMessage())
                .contains("after the document");
    }

    @Test
    void theFormatVersionIsAWholeNumber() {
        for (String version : List.of("1.5", "1.0", "\"1\"", "true", "[1]")) {
            FlowException error = refused("flowfile: " + version + "\nname: a\nnodes: []\n", FlowFormat.YAML);
            assertThat(error.problems()).as(version).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEqualTo("flowfile");
                assertThat(problem.message()).contains("whole number");
            });
        }
    }

    @Test
    void yamlAnchorsAndAliasesAreResolved() {
        FlowDocument document = codec().read("""
                flowfile: 1
                name: aliases
                parameters: {dir: &dir out}
                nodes:
                  - id: a
                    type: test_csv_sink
                    settings: &common
                      path: &file orders.csv
                      mode: overwrite
                  - id: b
                    type: test_csv_sink
                    settings: *common
                  - id: c
                    type: test_csv_sink
                    settings:
                      <<: *common
                      path: *dir
                  - id: d
                    type: test_csv_sink
                    settings: {path: *file}
                edges: []
                """, FlowFormat.YAML);
        assertThat(document.parameters()).containsEntry("dir", "out");
        assertThat(document.nodes()).extracting(node -> node.settings().path("path").asText())
                .containsExactly("orders.csv", "orders.csv", "out", "orders.csv");
        assertThat(document.nodes().get(2).settings().path("mode").asText()).isEqualTo("overwrite");
        assertThat(refused("flowfile: 1\nname: a\nnodes: [{id: a, type: t, settings: {path: *nowhere}}]\n", FlowFormat.YAML)
                .getMessage()).contains("nowhere");
    }

    @Test
    void anAliasExpansionBombFailsFast() {
        var bomb = new StringBuilder("flowfile: 1\nname: bomb\nlevel0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 12; i++) {
            bomb.append("level").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            bomb.append("]\n");
        }
        bomb.append("nodes: []\n");
        long start = System.nanoTime();
        FlowException error = refused(bomb.toString(), FlowFormat.YAML);
        assertThat(error.getMessage()).contains("alias");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
    }
}
