package io.flowfile.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.Problem;
import io.flowfile.engine.testing.Flows;
import io.flowfile.node.Column;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowValidatorTest {

    private static final String SOURCE = """
              - id: people
                type: test_table
                settings: {columns: "name VARCHAR, age INTEGER", rows: ["('ann', 31)"]}
            """;

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

    private ValidatedFlow validate(String nodesAndEdges, Map<String, String> parameters) {
        return engine.validate(Flows.yaml("flowfile: 1\nname: t\n" + nodesAndEdges), dir, parameters);
    }

    @Test
    void predictsTheSchemaOfEveryNodeWithoutRunning() {
        ValidatedFlow flow = validate("nodes:\n" + SOURCE + """
                  - id: older
                    type: test_query
                    settings: {sql: "SELECT name, age + 1 AS next_age, age > 30 AS senior FROM {main}"}
                edges: [{from: people, to: older}]
                """, Map.of());
        assertThat(flow.problems()).isEmpty();
        assertThat(flow.schema(new RelationId("older", "main"))).contains(new Schema(List.of(
                new Column("name", "VARCHAR"), new Column("next_age", "INTEGER"), new Column("senior", "BOOLEAN"))));
    }

    @Test
    void reportsAllProblemsAtOnceEachNamingNodeAndSetting() {
        ValidatedFlow flow = validate("nodes:\n" + SOURCE + """
                  - id: mystery
                    type: no_such_type
                  - id: wrong_column
                    type: test_query
                    settings: {sql: "SELECT * FROM {main}", requires: [height]}
                  - id: bad_expression
                    type: test_query
                    settings: {sql: "SELECT nme FROM {main}"}
                  - id: bad_setting
                    type: test_query
                    settings: {sql: "SELECT 1", colour: red}
                  - id: unconnected
                    type: test_query
                    settings: {sql: "SELECT * FROM {main}"}
                  - id: twice
                    type: test_query
                    settings: {sql: "SELECT * FROM {main}"}
                edges:
                  - {from: people, to: wrong_column}
                  - {from: people, to: bad_expression}
                  - {from: people, to: twice}
                  - {from: people, to: twice}
                  - {from: people.nope, to: bad_setting}
                  - {from: ghost, to: bad_setting}
                """, Map.of());
        assertThat(flow.problems()).extracting(Problem::nodeId, Problem::code).contains(
                org.assertj.core.groups.Tuple.tuple("mystery", EngineErrorCode.UNKNOWN_NODE_TYPE),
                org.assertj.core.groups.Tuple.tuple("wrong_column", NodeErrorCode.UNKNOWN_COLUMN),
                org.assertj.core.groups.Tuple.tuple("bad_expression", NodeErrorCode.INVALID_EXPRESSION),
                org.assertj.core.groups.Tuple.tuple("bad_setting", NodeErrorCode.INVALID_SETTING),
                org.assertj.core.groups.Tuple.tuple("unconnected", EngineErrorCode.MISSING_INPUT),
                org.assertj.core.groups.Tuple.tuple("twice", EngineErrorCode.EXTRA_INPUT),
                org.assertj.core.groups.Tuple.tuple("bad_setting", EngineErrorCode.UNKNOWN_PORT),
                org.assertj.core.groups.Tuple.tuple(null, EngineErrorCode.UNKNOWN_NODE));
        assertThat(find(flow, "mystery").message()).contains("no_such_type", "test_query", "test_table");
        Problem column = find(flow, "wrong_column");
        assertThat(column.path()).isEqualTo("settings.requires[0]");
        assertThat(column.message()).contains("height", "name, age");
        assertThat(find(flow, "bad_expression").message()).contains("nme");
        Problem setting = find(flow, "bad_setting");
        assertThat(setting.path()).isEqualTo("settings.colour");
        assertThat(setting.message()).contains("unknown setting 'colour'", "sql");
    }

    @Test
    void namesTheNodesOfACycle() {
        ValidatedFlow flow = validate("nodes:\n" + SOURCE + """
                  - id: a
                    type: test_query
                    settings: {sql: "SELECT * FROM {main} UNION ALL SELECT * FROM {back}", inputs: [main, back]}
                  - id: b
                    type: test_query
                    settings: {sql: "SELECT * FROM {main}"}
                  - id: c
                    type: test_query
                    settings: {sql: "SELECT * FROM {main}"}
                edges:
                  - {from: people, to: a}
                  - {from: a, to: b}
                  - {from: b, to: c}
                  - {from: c, to: a.back}
                """, Map.of());
        assertThat(flow.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(EngineErrorCode.CYCLE);
            assertThat(problem.message()).contains("a -> b -> c -> a");
        });
    }

    @Test
    void substitutesParametersAndLetsTheCallerOverrideThem() {
        String flow = """
                parameters: {minimum: "30"}
                nodes:
                """ + SOURCE + """
                  - id: filtered
                    type: test_query
                    settings: {sql: "SELECT * FROM {main} WHERE age >= ${minimum} AND '$${literal}' <> ''"}
                edges: [{from: people, to: filtered}]
                """;
        PlannedNode byDefault = validate(flow, Map.of()).node("filtered").orElseThrow();
        assertThat(byDefault.canonicalSettings()).contains("age >= 30", "'${literal}'");
        PlannedNode overridden = validate(flow, Map.of("minimum", "40")).node("filtered").orElseThrow();
        assertThat(overridden.canonicalSettings()).contains("age >= 40");
        assertThat(validate(flow, Map.of("maximum", "1")).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("'maximum'", "minimum"));
    }

    @Test
    void anUndefinedParameterIsNamed() {
        ValidatedFlow flow = validate("nodes:\n" + SOURCE + """
                  - id: filtered
                    type: test_query
                    settings: {sql: "SELECT * FROM {main} WHERE age > ${limit}"}
                edges: [{from: people, to: filtered}]
                """, Map.of());
        assertThat(flow.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(EngineErrorCode.UNKNOWN_PARAMETER);
            assertThat(problem.path()).isEqualTo("settings.sql");
            assertThat(problem.message()).contains("${limit}");
        });
    }

    @Test
    void twoWritersOfOneFileAreAProblemNamingBoth() {
        ValidatedFlow flow = validate("nodes:\n" + SOURCE + """
                  - id: first
                    type: test_csv_sink
                    settings: {path: out/people.csv}
                  - id: second
                    type: test_csv_sink
                    settings: {path: "./out/../out/people.csv"}
                  - id: third
                    type: test_csv_sink
                    settings: {path: out/other.csv}
                edges: [{from: people, to: first}, {from: people, to: second}, {from: people, to: third}]
                """, Map.of());
        assertThat(flow.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.nodeId()).isEqualTo("second");
            assertThat(problem.path()).isEqualTo("settings.path");
            assertThat(problem.code()).isEqualTo(EngineErrorCode.DUPLICATE_OUTPUT);
            assertThat(problem.message()).contains("'first'", "'second'", dir.resolve("out/people.csv").toString());
        });
    }

    private static Problem find(ValidatedFlow flow, String node) {
        return flow.problems().stream().filter(problem -> node.equals(problem.nodeId())).findFirst().orElseThrow();
    }

    @Test
    void aQueryOverNoInputIsBoundAgainEachTimeAsWhatItReadsMayChange() throws Exception {
        java.nio.file.Path csv = dir.resolve("people.csv");
        java.nio.file.Files.writeString(csv, "name,age\nann,31\n");
        java.nio.file.Files.setLastModifiedTime(csv, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        String flow = """
                nodes:
                  - id: reader
                    type: test_query
                    settings: {inputs: [], sql: "SELECT * FROM read_csv('%s')"}
                """.formatted(csv);
        assertThat(validate(flow, Map.of()).schema(new RelationId("reader", "main")).orElseThrow().names()).containsExactly("name", "age");

        java.nio.file.Files.writeString(csv, "name,age,city\nann,31,Oslo\n");
        java.nio.file.Files.setLastModifiedTime(csv, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(30)));

        assertThat(validate(flow, Map.of()).schema(new RelationId("reader", "main")).orElseThrow().names())
                .containsExactly("name", "age", "city");
    }
}
