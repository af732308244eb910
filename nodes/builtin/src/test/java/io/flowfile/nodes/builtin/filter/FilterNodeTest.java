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

    /** Numbers the basic filter must compare exactly, never after rounding the value to the column's type. */
    private static final In AMOUNTS = in("main", table("n INTEGER, price DECIMAL(12,2), tiny TINYINT, big BIGINT",
            "(1, 900.00, 1, 9007199254740992)", "(2, 900.01, 2, 9007199254740993)", "(3, 899.99, 3, NULL)"));

    private static final List<String> ONE = row("1", "900.00", "1", "9007199254740992");
    private static final List<String> TWO = row("2", "900.01", "2", "9007199254740993");
    private static final List<String> THREE = row("3", "899.99", "3", null);

    private static Case<FilterSettings> exact(String name, BasicFilter filter, List<List<String>> expected) {
        return Case.unordered(name, new FilterSettings(null, filter, null), List.of(AMOUNTS), expected);
    }

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
                basic("a date compared with a time of day is not truncated to the date",
                        compare("joined", Operator.LESS_THAN, "2024-01-31 12:00:00"), list(ANN, BOB)),
                exact("greater than 2.5 on integers is not greater than 3", compare("n", Operator.GREATER_THAN, "2.5"),
                        list(THREE)),
                exact("greater or equal 2.5 on integers", compare("n", Operator.GREATER_OR_EQUAL, "2.5"), list(THREE)),
                exact("less than 2.5 on integers", compare("n", Operator.LESS_THAN, "2.5"), list(ONE, TWO)),
                exact("less or equal 2.5 on integers is not less or equal 3", compare("n", Operator.LESS_OR_EQUAL, "2.5"),
                        list(ONE, TWO)),
                exact("no integer equals 2.5", compare("n", Operator.EQUALS, "2.5"), list()),
                exact("every integer differs from 2.5", compare("n", Operator.NOT_EQUALS, "2.5"), list(ONE, TWO, THREE)),
                exact("an integer value with a zero fraction", compare("n", Operator.EQUALS, "2.0"), list(TWO)),
                exact("greater than 900.005 on DECIMAL(12,2) is not greater than 900.01",
                        compare("price", Operator.GREATER_THAN, "900.005"), list(TWO)),
                exact("no DECIMAL(12,2) equals 900.005", compare("price", Operator.EQUALS, "900.005"), list()),
                exact("less than 900.005 on DECIMAL(12,2)", compare("price", Operator.LESS_THAN, "900.005"), list(ONE, THREE)),
                exact("less or equal 900.005 on DECIMAL(12,2) is not less or equal 900.01",
                        compare("price", Operator.LESS_OR_EQUAL, "900.005"), list(ONE, THREE)),
                exact("between with decimal bounds on integers", new BasicFilter("n", Operator.BETWEEN, "1.5", "2.5", null),
                        list(TWO)),
                exact("in with a decimal value on integers", new BasicFilter("n", Operator.IN, null, null, List.of("2", "2.5")),
                        list(TWO)),
                exact("a value past the column type's range", compare("tiny", Operator.LESS_THAN, "1000"), list(ONE, TWO, THREE)),
                exact("a BIGINT above 2^53 compares exactly", compare("big", Operator.EQUALS, "9007199254740993"), list(TWO)),
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
                new BadSettings("a value that is not a number, for a number column",
                        "{\"basic\": {\"column\": \"age\", \"operator\": \"equals\", \"value\": \"abc\"}}",
                        List.of(PEOPLE), "basic.value", "\"abc\" is not a number; column \"age\" is INTEGER"),
                new BadSettings("one of the in values is not a number",
                        "{\"basic\": {\"column\": \"age\", \"operator\": \"in\", \"values\": [\"1\", \"x\"]}}",
                        List.of(PEOPLE), "basic.values[1]", "\"x\" is not a number"),
                new BadSettings("a value with more digits than any DECIMAL",
                        "{\"basic\": {\"column\": \"age\", \"operator\": \"less_than\", \"value\": \"1e40\"}}",
                        List.of(PEOPLE), "basic.value", "more digits than"),
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
        var settings = new FilterSettings(null, compare("joined", Operator.EQUALS, "abc"), null);

        NodeHarness.Result result = harness.run(type(), settings, PEOPLE);

        assertThat(result.error()).isNotNull();
        assertThat(result.error().message()).contains("abc");
    }

    @Test
    void aValueWithAQuoteIsALiteral() {
        var settings = new FilterSettings(null, compare("name", Operator.EQUALS, "ann' OR '1' = '1"), null);

        NodeHarness.Result result = harness.run(type(), settings, PEOPLE);

        assertThat(result.error()).isNull();
        assertThat(result.rows()).isEmpty();
    }
}
