package io.flowfile.nodes.builtin.select;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.select.SelectSettings.SelectColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectNodeTest extends NodeContractTest<SelectSettings> {

    private static final In PEOPLE = in("main", table("name VARCHAR, city VARCHAR, age INTEGER",
            "('ann', 'oslo', 31)", "('bob', 'rome', NULL)", "('cid', 'oslo', 25)", "('dan', NULL, 40)"));

    private static final In CODES = in("main", table("code VARCHAR, label VARCHAR", "('7', 'seven')", "('12', 'twelve')"));

    @Override
    protected NodeType<SelectSettings> type() {
        return new SelectNode();
    }

    private static SelectColumn column(String name, Boolean keep, String renameTo, String castTo) {
        return new SelectColumn(name, keep, renameTo, castTo);
    }

    @Override
    protected List<Case<SelectSettings>> cases() {
        return List.of(
                Case.unordered("rename and reorder; unlisted columns follow",
                        new SelectSettings(List.of(column("age", null, "years", null), column("name", null, null, null)), null),
                        List.of(PEOPLE),
                        List.of(row("31", "ann", "oslo"), row(null, "bob", "rome"), row("25", "cid", "oslo"), row("40", "dan", null))),
                Case.unordered("drop one column",
                        new SelectSettings(List.of(new SelectColumn("city", false, null, null)), false), List.of(PEOPLE),
                        List.of(row("ann", "31"), row("bob", null), row("cid", "25"), row("dan", "40"))),
                Case.unordered("drop unlisted columns and cast an integer to double",
                        new SelectSettings(List.of(column("name", true, null, null), column("AGE", true, "age_double", "DOUBLE")), true),
                        List.of(PEOPLE),
                        List.of(row("ann", "31.0"), row("bob", null), row("cid", "25.0"), row("dan", "40.0"))),
                Case.unordered("cast text to integer",
                        new SelectSettings(List.of(column("code", null, null, "INTEGER")), null), List.of(CODES),
                        List.of(row("7", "seven"), row("12", "twelve"))),
                Case.unordered("swap two names",
                        new SelectSettings(List.of(column("label", null, "code", null), column("code", null, "label", null)), null),
                        List.of(CODES), List.of(row("seven", "7"), row("twelve", "12"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("unknown column names the existing ones", "{\"columns\": [{\"column\": \"height\"}]}",
                        List.of(PEOPLE), "columns[0].column", "name, city, age"),
                new BadSettings("no columns listed", "{\"columns\": []}", List.of(PEOPLE), "columns", "at least one"),
                new BadSettings("two entries with the same output name name both",
                        "{\"columns\": [{\"column\": \"name\", \"rename_to\": \"who\"}, "
                                + "{\"column\": \"city\", \"rename_to\": \"WHO\"}]}",
                        List.of(PEOPLE), "columns[1]", "also the output name of columns[0]"),
                new BadSettings("a new name that an unlisted kept column has",
                        "{\"columns\": [{\"column\": \"name\", \"rename_to\": \"age\"}]}",
                        List.of(PEOPLE), "columns[0].rename_to", "unlisted input column \"age\""),
                new BadSettings("a column listed twice",
                        "{\"columns\": [{\"column\": \"name\"}, {\"column\": \"name\", \"rename_to\": \"other\"}]}",
                        List.of(PEOPLE), "columns[1].column", "already listed at columns[0]"),
                new BadSettings("a type that is not a type name",
                        "{\"columns\": [{\"column\": \"age\", \"cast_to\": \"INTEGER) FROM x; --\"}]}",
                        List.of(PEOPLE), "columns[0].cast_to", "is not a DuckDB type name"),
                new BadSettings("no column left",
                        "{\"columns\": [{\"column\": \"name\", \"keep\": false}], \"drop_unlisted\": true}",
                        List.of(PEOPLE), "columns", "no column is left"),
                new BadSettings("keep is not a boolean", "{\"columns\": [{\"column\": \"name\", \"keep\": \"maybe\"}]}",
                        List.of(PEOPLE), "columns[0].keep", "true or false"));
    }

    @Test
    void aValueThatDoesNotConvertFailsTheRunWithDuckDbsMessage() {
        var settings = new SelectSettings(List.of(new SelectColumn("label", null, null, "INTEGER")), null);

        NodeHarness.Result result = harness.run(type(), settings, CODES);

        assertThat(result.error()).isNotNull();
        assertThat(result.error().nodeId()).isEqualTo(NodeHarness.NODE_ID);
        assertThat(result.error().message()).contains("Could not convert string 'seven'");
    }

    @Test
    void aTypeDuckDbDoesNotKnowIsAProblem() {
        var problems = harness.validate(type(), "{\"columns\": [{\"column\": \"age\", \"cast_to\": \"INTEGR\"}]}", PEOPLE);

        assertThat(problems).anySatisfy(problem -> assertThat(problem.message()).contains("INTEGR"));
    }
}
