package io.flowfile.nodes.builtin.filter;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.filter.FilterSettings.BasicFilter;
import io.flowfile.nodes.builtin.filter.FilterSettings.Mode;
import io.flowfile.nodes.builtin.filter.FilterSettings.Operator;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterNodeTest extends NodeContractTest<FilterSettings> {

    private static final In PEOPLE = in("main", table("name VARCHAR, city VARCHAR, age INTEGER, joined DATE",
            "('ann', 'oslo', 31, DATE '2024-01-31')", "('bob', 'rome', NULL, DATE '2023-06-01')",
            "('cid', 'oslo', 25, NULL)", "('dan', NULL, 40, DATE '2024-03-15')"));

    private static final List<String> ANN = row("ann", "oslo", "31", "2024-01-31");
    private static final List<String> BOB = row("bob", "rome", null, "2023-06-01");
    private static final List<String> CID = row("cid", "oslo", "25", null);
    private static final List<String> DAN = row("dan", null, "40", "2024-03-15");

    @Override
    protected NodeType<FilterSettings> type() {
        return new FilterNode();
    }

    private static Case<FilterSettings> basic(String name, BasicFilter filter, List<List<String>> expected) {
        return Case.unordered(name, new FilterSettings(null, filter, null), List.of(PEOPLE), expected);
    }

    private static BasicFilter compare(String column, Operator operator, String value) {
        return new BasicFilter(column, operator, value, null, null);
    }

    @Override
    protected List<Case<FilterSettings>> cases() {
        return List.of(
                basic("equals", compare("name", Operator.EQUALS, "bob"), list(BOB)),
                basic("greater than compares an integer column as numbers", compare("age", Operator.GREATER_THAN, "5"),
                        list(ANN, CID, DAN)),
                basic("not equals drops nulls", compare("city", Operator.NOT_EQUALS, "oslo"), list(BOB)),
                basic("greater or equal", compare("age", Operator.GREATER_OR_EQUAL, "31"), list(ANN, DAN)),
                basic("less than compares dates", compare("joined", Operator.LESS_THAN, "2024-01-01"), list(BOB)),
                basic("less or equal", compare("age", Operator.LESS_OR_EQUAL, "31"), list(ANN, CID)),
                basic("contains", compare("name", Operator.CONTAINS, "n"), list(ANN, DAN)),
                basic("contains reads a number as text", compare("age", Operator.CONTAINS, "4"), list(DAN)),
                basic("starts with", compare("city", Operator.STARTS_WITH, "os"), list(ANN, CID)),
                basic("ends with", compare("name", Operator.ENDS_WITH, "b"), list(BOB)),
                basic("is null", compare("age", Operator.IS_NULL, null), list(BOB)),
                basic("is not null", compare("city", Operator.IS_NOT_NULL, null), list(ANN, BOB, CID)),
                basic("in with text", new BasicFilter("city", Operator.IN, null, null, List.of("rome", "oslo")),
                        list(ANN, BOB, CID)),
                basic("in with integers", new BasicFilter("age", Operator.IN, null, null, List.of("25", "40")), list(CID, DAN)),
                basic("between is inclusive", new BasicFilter("age", Operator.BETWEEN, "25", "31", null), list(ANN, CID)),
                basic("between dates", new BasicFilter("joined", Operator.BETWEEN, "2024-01-01", "2024-12-31", null),
                        list(ANN, DAN)),
                Case.unordered("advanced expression",
                        new FilterSettings(Mode.ADVANCED, null, "age >= 30 AND city IS NOT NULL"), List.of(PEOPLE), list(ANN)),
                Case.unordered("advanced expression ending in a comment",
                        new FilterSettings(Mode.ADVANCED, null, "name = 'cid' -- only cid"), List.of(PEOPLE), list(CID)));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("unknown column names the existing ones",
                        "{\"basic\": {\"column\": \"height\", \"operator\": \"equals\", \"value\": \"1\"}}",
                        List.of(PEOPLE), "basic.column", "name, city, age, joined"),
                new BadSettings("between needs an upper bound",
                        "{\"basic\": {\"column\": \"age\", \"operator\": \"between\", \"value\": \"1\"}}",
                        List.of(PEOPLE), "basic.value2", "is required for between"),
                new BadSettings("in needs values", "{\"basic\": {\"column\": \"age\", \"operator\": \"in\"}}",
                        List.of(PEOPLE), "basic.values", "at least one value"),
                new BadSettings("equals needs a value", "{\"basic\": {\"column\": \"age\", \"operator\": \"equals\"}}",
                        List.of(PEOPLE), "basic.value", "is required for equals"),
                new BadSettings("unknown operator", "{\"basic\": {\"column\": \"age\", \"operator\": \"like\"}}",
                        List.of(PEOPLE), "basic.operator", "equals, not_equals"),
                new BadSettings("basic mode needs a condition", "{\"mode\": \"basic\"}", List.of(PEOPLE), "basic",
                        "is required in basic mode"),
                new BadSettings("advanced mode needs an expression", "{\"mode\": \"advanced\"}", List.of(PEOPLE),
                        "expression", "is required"),
                new BadSettings("advanced expression with an unknown column gives DuckDB's message",
                        "{\"mode\": \"advanced\", \"expression\": \"height > 1\"}", List.of(PEOPLE), "expression",
                        "not found"),
                new BadSettings("advanced expression with an unknown column lists the existing ones",
                        "{\"mode\": \"advanced\", \"expression\": \"height > 1\"}", List.of(PEOPLE), "expression",
                        "name, city, age, joined"));
    }

    @Test
    void aValueThatDoesNotConvertToTheColumnTypeFailsTheRun() {
        var settings = new FilterSettings(null, compare("age", Operator.EQUALS, "abc"), null);

        NodeHarness.Result result = harness.run(type(), settings, PEOPLE);

        assertThat(result.error()).isNotNull();
        assertThat(result.error().message()).contains("Could not convert string 'abc'");
    }

    @Test
    void aValueWithAQuoteIsALiteral() {
        var settings = new FilterSettings(null, compare("name", Operator.EQUALS, "ann' OR '1' = '1"), null);

        NodeHarness.Result result = harness.run(type(), settings, PEOPLE);

        assertThat(result.error()).isNull();
        assertThat(result.rows()).isEmpty();
    }
}
