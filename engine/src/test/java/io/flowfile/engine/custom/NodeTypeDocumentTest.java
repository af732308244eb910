package io.flowfile.engine.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.engine.EngineConfig;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.Problem;
import io.flowfile.engine.exec.RunResult;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.registry.JsonSchemas;
import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.engine.testing.Flows;
import io.flowfile.engine.validate.ValidatedFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeTypeDocumentTest {

    static final String LABEL = """
            flowfile_node: 1
            type: add_label
            title: Add a label
            inputs: [main]
            form:
              sections:
                - title: Label
                  components:
                    - {name: label, kind: text, label: Label, required: true}
                    - {name: mode, kind: select, label: Mode, options: [plain, loud], default: plain}
                - title: Loud
                  visible_when: {setting: mode, equals: loud}
                  components:
                    - {name: times, kind: slider, label: Times, min: 1, max: 5, integer: true, required: true}
            implementation:
              kind: sql
              sql: SELECT *, {{label}} AS label FROM main
            """;

    @TempDir
    Path dir;

    @Test
    void aDocumentRoundTripsInItsStableForm() {
        NodeTypeDocument document = NodeTypeDocument.read(LABEL, FlowFormat.YAML);
        String stable = document.write(FlowFormat.YAML);
        assertThat(NodeTypeDocument.read(stable, FlowFormat.YAML)).isEqualTo(document);
        assertThat(NodeTypeDocument.read(document.write(FlowFormat.JSON), FlowFormat.JSON).write(FlowFormat.YAML)).isEqualTo(stable);
        assertThat(stable).startsWith("flowfile_node: 1\ntype: add_label\ntitle: Add a label\ncategory: transform\nversion: 1\n");
        assertThat(document.outputs()).containsExactly("main");
    }

    @Test
    void theExampleNodeTypeFilesRead() {
        NodeTypeFiles.Loaded loaded = NodeTypeFiles.read(Path.of("..", "examples", "node-types"));
        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.documents()).extracting(NodeTypeDocument::type).containsExactly("fit_revenue_model", "top_n_per_group");
        for (NodeTypeDocument document : loaded.documents()) {
            assertThat(document.write(FlowFormat.YAML)).as("the example file is in the stable form")
                    .isEqualTo(NodeTypeDocument.read(document.write(FlowFormat.YAML), FlowFormat.YAML).write(FlowFormat.YAML));
        }
    }

    @Test
    void everyProblemOfADocumentIsNamedAtOnce() {
        String broken = """
                flowfile_node: 1
                type: Add-Label
                title: ""
                inputs: [main, main]
                form:
                  sections:
                    - components:
                        - {name: n, kind: numbr, label: N}
                        - {name: col, kind: column, input: other}
                        - {name: key, kind: secret, label: Key}
                        - {name: pick, kind: select, label: Pick}
                implementation: {kind: sql, sql: "SELECT {{missing}}, {{key}} FROM main", extra: 1}
                """;
        assertThatThrownBy(() -> NodeTypeDocument.read(broken, FlowFormat.YAML)).isInstanceOfSatisfying(FlowException.class, e ->
                assertThat(e.problems()).extracting(Problem::path).contains("type", "title", "inputs[1]",
                        "form.sections[0].components[0].kind", "form.sections[0].components[1].input",
                        "form.sections[0].components[3].options", "implementation.sql", "implementation.extra"));
        assertThatThrownBy(() -> NodeTypeDocument.read(broken, FlowFormat.YAML)).isInstanceOfSatisfying(FlowException.class, e ->
                assertThat(e.problems()).extracting(Problem::message)
                        .anySatisfy(message -> assertThat(message).contains("{{missing}} is no setting"))
                        .anySatisfy(message -> assertThat(message).contains("a secret is never put into SQL"))
                        .anySatisfy(message -> assertThat(message).contains("kinds: text, number, slider")));
    }

    @Test
    void aPlaceholderInsideQuotesOrACommentIsRefused() {
        for (String sql : new String[] {"SELECT * FROM main WHERE region = '{{label}}'", "SELECT * FROM main -- {{label}}",
                "SELECT \"{{label}}\" FROM main", "SELECT * FROM main /* {{label}} */", "SELECT $${{label}}$$ FROM main"}) {
            assertThat(SqlPlaceholders.quotedOrCommented(sql)).as(sql).contains("{{label}} stands inside");
        }
        assertThat(SqlPlaceholders.quotedOrCommented("SELECT 'it''s', {{label}} AS \"a\"\"b\" FROM main -- done")).isNull();
        String quoted = LABEL.replace("sql: SELECT *, {{label}} AS label FROM main", "sql: |\n    SELECT * FROM main WHERE x = '{{label}}'");
        assertThatThrownBy(() -> NodeTypeDocument.read(quoted, FlowFormat.YAML)).isInstanceOfSatisfying(FlowException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("implementation.sql");
                    assertThat(problem.message()).contains("inside a string literal").contains("region = {{region}}");
                }));
    }

    @Test
    void numbersBecomeParenthesisedValuesAndAnUntickedToggleIsFalse() {
        var number = new FormComponent("n", FormComponent.Kind.NUMBER, "N", "", false, null, null, null, null, true, List.of(), null, null, false);
        assertThat(SqlNodeType.sqlValue(number, json("-5"))).isEqualTo("(-5)");
        assertThat(SqlNodeType.sqlValue(number, json("3.0"))).isEqualTo("(3)");
        assertThat(SettingValues.fault(number, json("1e400"))).isEqualTo("must be a whole number");
        var toggle = new FormComponent("t", FormComponent.Kind.TOGGLE, "T", "", false, null, null, null, null, false, List.of(), null, null, false);
        assertThat(SettingValues.value(toggle, json("{}"))).isEqualTo(com.fasterxml.jackson.databind.node.BooleanNode.FALSE);
        assertThat(SqlNodeType.sqlValue(toggle, SettingValues.value(toggle, json("{}")))).isEqualTo("FALSE");
    }

    @Test
    void aSectionShownOnlyWhenItsConditionHoldsRequiresItsSettingsOnlyThen() {
        CustomNodeType type = CustomNodeType.of(NodeTypeDocument.read(LABEL, FlowFormat.YAML));
        assertThat(type.check(json("{\"label\": \"x\"}"))).isEmpty();
        assertThat(type.check(json("{\"label\": \"x\", \"mode\": \"loud\"}"))).singleElement()
                .satisfies(problem -> assertThat(problem.path()).isEqualTo("times"));
        assertThat(type.check(json("{\"label\": \"x\", \"mode\": \"quiet\"}"))).singleElement()
                .satisfies(problem -> assertThat(problem.message()).isEqualTo("'quiet' is not one of plain, loud"));
        String wrongValue = LABEL.replace("visible_when: {setting: mode, equals: loud}", "visible_when: {setting: mode, equals: shout}");
        assertThatThrownBy(() -> NodeTypeDocument.read(wrongValue, FlowFormat.YAML)).isInstanceOfSatisfying(FlowException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                        .isEqualTo("the value that shows the section is not one 'mode' can have: it 'shout' is not one of plain, loud")));
        var schema = type.settingsSchema();
        assertThat(schema.path("properties").path("times").path("maximum").asDouble()).isEqualTo(5);
        assertThat(schema.path("required").toString()).isEqualTo("[\"label\"]");
        assertThat(new JsonSchemas().settings(type)).isEqualTo(schema);
    }

    @Test
    void aFlowKeepsTheVersionItWasBuiltWithAndTheNewestIsTheDefault() throws Exception {
        NodeRegistry registry = Flows.registry();
        NodeTypeDocument v1 = NodeTypeDocument.read(LABEL, FlowFormat.YAML);
        NodeTypeDocument v2 = NodeTypeDocument.read(LABEL.replace("{{label}} AS label", "upper({{label}}) AS label"), FlowFormat.YAML)
                .withVersion(2);
        registry.publish(CustomNodeType.of(v1));
        registry.publish(CustomNodeType.of(v2));
        assertThat(registry.versions("add_label")).containsExactly(1, 2);
        assertThatThrownBy(() -> registry.publish(CustomNodeType.of(NodeTypeDocument.read(LABEL.replace("type: add_label", "type: test_query"),
                FlowFormat.YAML)))).hasMessageContaining("built-in");
        try (FlowEngine engine = FlowEngine.create(new EngineConfig(dir.resolve("data"), 2, 2, "2GB", 1L << 30), registry)) {
            for (String version : new String[] {"type_version: 1, ", "type_version: 2, ", ""}) {
                String flow = """
                        flowfile: 1
                        name: labelled
                        nodes:
                          - {id: source, type: test_table, settings: {columns: "x INTEGER", rows: ["(1)"]}}
                          - {id: label, type: add_label, VERSIONsettings: {label: "hi"}}
                          - {id: out, type: test_csv_sink, settings: {path: out.csv}}
                        edges: [{from: source, to: label}, {from: label, to: out}]
                        """.replace("VERSION", version);
                ValidatedFlow validated = engine.validate(Flows.yaml(flow), dir, Map.of());
                assertThat(validated.problems()).isEmpty();
                assertThat(engine.run(validated, ExecutionMode.PERFORMANCE, event -> { }).state()).isEqualTo(RunResult.State.SUCCEEDED);
                assertThat(Files.readAllLines(dir.resolve("out.csv"))).as(version)
                        .containsExactly("x,label", version.contains("1") ? "1,hi" : "1,HI");
            }
            String unknownVersion = """
                    flowfile: 1
                    name: labelled
                    nodes:
                      - {id: source, type: test_table, settings: {columns: "x INTEGER", rows: ["(1)"]}}
                      - {id: label, type: add_label, type_version: 7, settings: {label: "hi"}}
                    edges: [{from: source, to: label}]
                    """;
            assertThat(engine.validate(Flows.yaml(unknownVersion), dir, Map.of()).problems()).singleElement().satisfies(problem ->
                    assertThat(problem.message()).isEqualTo("node type 'add_label' has no version 7; its versions: 1, 2"));
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
