package io.flowfile.nodes.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.EngineConfig;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.Problem;
import io.flowfile.engine.exec.Table;
import io.flowfile.engine.flow.FlowCodec;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.engine.testing.TableSourceNode;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.nodes.builtin.filter.FilterNode;
import io.flowfile.nodes.builtin.formula.FormulaNode;
import io.flowfile.nodes.builtin.sql.SqlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text a user writes into SQL (an advanced filter's expression, a formula, a SQL node's query, a
 * {@code ${parameter}} value) never ends the statement it stands in: a second statement is never
 * run, not even while validating, and text that closes the surrounding parenthesis is refused
 * naming the node and the setting.
 */
class InjectionTest {

    @TempDir
    Path dir;

    private FlowEngine engine;
    private Path pwned;

    @BeforeEach
    void start() {
        var types = new java.util.ArrayList<io.flowfile.node.NodeType<?>>(NodeRegistry.load(getClass().getClassLoader()).types());
        types.add(new TableSourceNode());
        engine = FlowEngine.create(new EngineConfig(dir.resolve("data"), 2, 2, "1GB", 1L << 30), NodeRegistry.of(types));
        pwned = dir.resolve("pwned.csv");
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private String copy() {
        return "COPY (SELECT 42) TO '" + pwned + "'";
    }

    private ValidatedFlow validate(String type, String settings, Map<String, String> parameterDefaults) {
        return validate(type, settings, parameterDefaults, "[{from: people, to: target}]");
    }

    private ValidatedFlow validate(String type, String settings, Map<String, String> parameterDefaults, String edges) {
        var parameters = new StringBuilder();
        parameterDefaults.forEach((name, value) -> parameters.append("  ").append(name).append(": ")
                .append(quoted(value)).append('\n'));
        String yaml = "flowfile: 1\nname: injection\n"
                + (parameters.isEmpty() ? "" : "parameters:\n" + parameters)
                + """
                nodes:
                  - id: people
                    type: test_table
                    settings: {columns: "name VARCHAR, city VARCHAR, age INTEGER", rows: ["('ann', 'oslo', 31)", "('bob', 'rome', 17)"]}
                  - id: target
                    type: %s
                    settings: %s
                edges: %s
                """.formatted(type, settings, edges);
        return engine.validate(new FlowCodec().read(yaml, FlowFormat.YAML), dir, Map.of());
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private void assertRefused(ValidatedFlow flow, String setting) {
        assertThat(flow.problems()).as("problems").anySatisfy(problem -> {
            assertThat(problem.nodeId()).isEqualTo("target");
            assertThat(problem.path()).isEqualTo("settings." + setting);
            assertThat(problem.code()).isEqualTo(NodeErrorCode.INVALID_EXPRESSION);
        });
        assertThat(pwned).as("a second statement ran").doesNotExist();
    }

    private List<List<Object>> rows(ValidatedFlow flow) {
        assertThat(flow.problems()).isEmpty();
        Table table = engine.preview(flow, new RelationId("target", "main"), 100, ExecutionMode.PERFORMANCE, true);
        return table.rows();
    }

    @Test
    void aFilterExpressionThatClosesItsParenthesisAndRunsAnotherStatementIsRefusedBeforeAnythingRuns() {
        String expression = "1)); " + copy() + "; SELECT * FROM (SELECT 1 WHERE (1";
        assertRefused(validate("filter", "{mode: advanced, expression: " + quoted(expression) + "}", Map.of()), "expression");
    }

    @Test
    void aFilterExpressionWithASecondStatementIsRefused() {
        assertRefused(validate("filter", "{mode: advanced, expression: " + quoted("age > 1; " + copy()) + "}", Map.of()),
                "expression");
    }

    @Test
    void aFilterExpressionThatUnionsAnotherQueryIsRefused() {
        ValidatedFlow flow = validate("filter", "{mode: advanced, expression: "
                + quoted("age > 1) UNION ALL SELECT * FROM (SELECT 'eve', 'x', 99) WHERE (true") + "}", Map.of());
        assertRefused(flow, "expression");
        assertThat(flow.problems().getFirst().message()).contains("one SQL expression");
    }

    @Test
    void anUnclosedCommentIsRefusedAndALineCommentIsFine() {
        assertRefused(validate("filter", "{mode: advanced, expression: " + quoted("age > 1 /* the rest") + "}", Map.of()),
                "expression");
        assertThat(rows(validate("filter", "{mode: advanced, expression: " + quoted("age > 18 -- adults only") + "}", Map.of())))
                .containsExactly(List.of("ann", "oslo", "31"));
    }

    @Test
    void aFormulaThatAddsAnotherColumnOrStatementIsRefused() {
        assertRefused(validate("formula", "{column: x, expression: \"age), (name\"}", Map.of()), "expression");
        String expression = "1) AS y FROM people; " + copy() + "; SELECT (1";
        assertRefused(validate("formula", "{column: x, expression: " + quoted(expression) + "}", Map.of()), "expression");
        assertRefused(validate("formula", "{column: x, expression: " + quoted("age -- \n) FROM (SELECT 1 AS age) --") + "}",
                Map.of()), "expression");
    }

    @Test
    void aSqlQueryRunsExactlyOneQuery() {
        assertRefused(validate("sql", "{query: " + quoted("SELECT 1)); " + copy() + "; SELECT * FROM ((SELECT 1") + "}",
                Map.of()), "query");
        ValidatedFlow twoStatements = validate("sql", "{query: " + quoted("SELECT * FROM main; SELECT 1") + "}", Map.of());
        assertRefused(twoStatements, "query");
        assertThat(twoStatements.problems().getFirst().message()).contains("2 statements");
        assertRefused(validate("sql", "{query: " + quoted("SELECT * FROM main; " + copy()) + "}", Map.of()), "query");
        assertRefused(validate("sql", "{query: " + quoted("SELECT * FROM main) UNION ALL (SELECT * FROM main") + "}",
                Map.of()), "query");
        assertThat(rows(validate("sql", "{query: \"SELECT name FROM main WHERE age > 18;\"}", Map.of())))
                .containsExactly(List.of("ann"));
    }

    @Test
    void aParameterInAStringLiteralStaysInsideIt() {
        ValidatedFlow flow = validate("filter", "{mode: advanced, expression: \"city = '${city}'\"}",
                Map.of("city", "x' OR '1'='1"));
        assertThat(rows(flow)).isEmpty();
        assertThat(rows(validate("filter", "{mode: advanced, expression: \"city = '${city}'\"}", Map.of("city", "oslo"))))
                .containsExactly(List.of("ann", "oslo", "31"));
    }

    @Test
    void aParameterStandingAloneIsOneValue() {
        assertThat(rows(validate("filter", "{mode: advanced, expression: \"age >= ${minimum}\"}", Map.of("minimum", "18"))))
                .containsExactly(List.of("ann", "oslo", "31"));
        assertThat(rows(validate("filter", "{mode: advanced, expression: \"age - ${offset} > 30\"}", Map.of("offset", "-1"))))
                .containsExactly(List.of("ann", "oslo", "31"));
        assertThat(rows(validate("filter", "{mode: advanced, expression: \"city = ${city}\"}", Map.of("city", "rome"))))
                .containsExactly(List.of("bob", "rome", "17"));
        assertThat(rows(validate("filter", "{mode: advanced, expression: \"city = ${city}\"}", Map.of("city", "city"))))
                .isEmpty();
        ValidatedFlow statement = validate("formula", "{column: x, expression: \"${value}\"}",
                Map.of("value", "1) AS y FROM people; " + copy() + "; SELECT (1"));
        assertThat(pwned).doesNotExist();
        assertThat(rows(statement)).extracting(row -> row.get(3)).containsOnly("1) AS y FROM people; " + copy() + "; SELECT (1");
    }

    @Test
    void aParameterInAQuotedNameStaysTheName() {
        assertThat(rows(validate("filter", "{mode: advanced, expression: '\"${column}\" > 18'}", Map.of("column", "age"))))
                .containsExactly(List.of("ann", "oslo", "31"));
        ValidatedFlow flow = validate("filter", "{mode: advanced, expression: '\"${column}\" > 18'}",
                Map.of("column", "age\" > 0 OR \"age"));
        assertThat(flow.problems()).anySatisfy(problem -> assertThat(problem.message()).contains("age\" > 0 OR \"age"));
    }

    @Test
    void aParameterInASqlQueryIsQuotedByItsPlace() {
        ValidatedFlow flow = validate("sql", "{query: \"SELECT name FROM main WHERE city = '${city}' AND age > ${minimum}\"}",
                Map.of("city", "oslo' OR ''='", "minimum", "0"));
        assertThat(rows(flow)).isEmpty();
        ValidatedFlow statement = validate("sql", "{query: \"SELECT ${value} AS v\"}", Map.of("value", "1; " + copy()));
        assertThat(pwned).doesNotExist();
        assertThat(rows(statement)).containsExactly(List.of("1; " + copy()));
    }

    /** Every other setting that reaches SQL is quoted as a string or a name, or checked as a type name. */
    @Test
    void quotedSettingsNeverEndTheStatement() {
        String copy = "COPY (SELECT 42) TO '" + pwned + "'";
        for (String payload : List.of("x'); " + copy + "; --", "x\"); " + copy + "; --", "x' || (" + copy + ") || '")) {
            String p = quoted(payload);
            List<String[]> cases = List.of(
                    new String[] {"select", "{columns: [{column: name, rename_to: " + p + "}, {column: age, cast_to: " + p + "}]}"},
                    new String[] {"filter", "{basic: {column: city, operator: contains, value: " + p + "}}"},
                    new String[] {"filter", "{basic: {column: city, operator: in, values: [" + p + "]}}"},
                    new String[] {"filter", "{basic: {column: age, operator: equals, value: " + p + "}}"},
                    new String[] {"formula", "{column: " + p + ", expression: \"1\", type: " + p + "}"},
                    new String[] {"group_by", "{group_by: [city], aggregations: [{column: name, function: concat, alias: " + p
                            + ", separator: " + p + "}]}"},
                    new String[] {"pivot", "{index: [name], pivot_column: city, value_column: age, aggregation: concat, values: ["
                            + p + "], separator: " + p + "}"},
                    new String[] {"text_to_rows", "{column: name, delimiter: " + p + ", output_column: " + p + "}"},
                    new String[] {"record_id", "{column: " + p + ", order_by: [" + p + "]}"},
                    new String[] {"record_count", "{name: " + p + "}"},
                    new String[] {"unpivot", "{index: [name], variable_name: " + p + ", value_name: value}"},
                    new String[] {"window", "{order_by: [{column: age}], functions: [{function: row_number, alias: " + p + "}]}"},
                    new String[] {"sort", "{keys: [{column: " + p + "}]}"},
                    new String[] {"unique", "{columns: [" + p + "]}"},
                    new String[] {"write_csv", "{path: " + quoted(dir.resolve("out-" + payload.hashCode() + ".csv").toString())
                            + ", delimiter: " + p + ", quote: " + p + "}"},
                    new String[] {"read_csv", "{path: " + p + "}"},
                    new String[] {"read_json", "{path: " + p + "}"},
                    new String[] {"read_parquet", "{path: " + p + "}"},
                    new String[] {"manual_input", "{columns: [{name: " + p + ", type: VARCHAR}, {name: t, type: " + p + "}], rows: [["
                            + p + ", " + p + "]]}"});
            for (String[] c : cases) {
                runIfValid(validate(c[0], c[1], Map.of()), c[0] + " " + c[1]);
            }
            runIfValid(validate("join", "{how: inner, keys: [{left: name, right: name}], left_suffix: " + p + ", right_suffix: "
                    + p + "}", Map.of(), "[{from: people, to: target.left}, {from: people, to: target.right}]"), "join");
            runIfValid(validate("fuzzy_match", "{keys: [{left: name, right: " + p + ", method: levenshtein, threshold: 0.5}]}",
                    Map.of(), "[{from: people, to: target.left}, {from: people, to: target.right}]"), "fuzzy_match");
        }
    }

    private void runIfValid(ValidatedFlow flow, String what) {
        if (flow.valid()) {
            engine.run(flow, ExecutionMode.PERFORMANCE, event -> { });
        }
        assertThat(pwned).as("a second statement ran for %s", what).doesNotExist();
    }

    @Test
    void problemsNameTheNodeAndTheSetting() {
        Problem problem = validate("filter", "{mode: advanced, expression: \"age > 1; SELECT 2\"}", Map.of()).problems().getFirst();
        assertThat(problem.toString()).contains("node 'target'", "settings.expression");
        assertThat(Files.exists(pwned)).isFalse();
    }
}
