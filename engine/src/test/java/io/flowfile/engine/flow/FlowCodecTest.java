package io.flowfile.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.Problem;
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
}
