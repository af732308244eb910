package io.flowfile.nodes.builtin.pivot;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.FlowHarness;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.pivot.PivotSettings.Aggregation;
import java.util.List;
import org.junit.jupiter.api.Test;

class PivotNodeTest extends NodeContractTest<PivotSettings> {

    private static final In SALES = in("main", table("region VARCHAR, product VARCHAR, amount INTEGER",
            "('north', 'a', 10)", "('north', 'b', 20)", "('south', 'a', 5)", "('north', 'a', 30)", "('south', 'c', NULL)"));
    private static final In YEARS = in("main", table("year INTEGER, v INTEGER", "(2023, 1)", "(2024, 2)", "(2024, 3)"));
    private static final List<String> PRODUCTS = List.of("a", "b", "c");

    @Override
    protected NodeType<PivotSettings> type() {
        return new PivotNode();
    }

    private static PivotSettings byRegion(Aggregation aggregation, List<String> values, String separator) {
        return new PivotSettings(List.of("region"), "product", "amount", aggregation, values, separator);
    }

    @Override
    protected List<Case<PivotSettings>> cases() {
        return List.of(
                Case.unordered("sum by default; cells without values are null", byRegion(null, PRODUCTS, null),
                        List.of(SALES),
                        List.of(row("north", "40", "20", null), row("south", "5", null, null))),
                Case.unordered("count gives zero for empty cells", byRegion(Aggregation.COUNT, PRODUCTS, null),
                        List.of(SALES),
                        List.of(row("north", "2", "1", "0"), row("south", "1", "0", "0"))),
                Case.unordered("mean, with the listed values in the listed order", byRegion(Aggregation.MEAN, List.of("b", "a"), null),
                        List.of(SALES),
                        List.of(row("north", "20.0", "20.0"), row("south", null, "5.0"))),
                Case.unordered("min and max", byRegion(Aggregation.MAX, List.of("a"), null), List.of(SALES),
                        List.of(row("north", "30"), row("south", "5"))),
                Case.unordered("min", byRegion(Aggregation.MIN, List.of("a"), null), List.of(SALES),
                        List.of(row("north", "10"), row("south", "5"))),
                Case.unordered("first in input order", byRegion(Aggregation.FIRST, List.of("a"), null), List.of(SALES),
                        List.of(row("north", "10"), row("south", "5"))),
                Case.unordered("concat with a separator", byRegion(Aggregation.CONCAT, List.of("a", "b"), ";"),
                        List.of(SALES),
                        List.of(row("north", "10;30", "20"), row("south", "5", null))),
                Case.unordered("no index columns gives one row",
                        new PivotSettings(null, "product", "amount", null, List.of("a", "b"), null), List.of(SALES),
                        List.of(row("45", "20"))),
                Case.unordered("numbers as pivot values are written as text",
                        new PivotSettings(null, "year", "v", Aggregation.SUM, List.of("2024", "2023", "2025"), null),
                        List.of(YEARS),
                        List.of(row("5", "1", null))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        String rest = "\"pivot_column\": \"product\", \"value_column\": \"amount\", \"values\": [\"a\"]";
        return List.of(
                new BadSettings("unknown index column names the existing ones", "{\"index\": [\"country\"], " + rest + "}",
                        List.of(SALES), "index[0]", "region, product, amount"),
                new BadSettings("unknown pivot column",
                        "{\"pivot_column\": \"kind\", \"value_column\": \"amount\", \"values\": [\"a\"]}",
                        List.of(SALES), "pivot_column", "region, product, amount"),
                new BadSettings("unknown value column",
                        "{\"pivot_column\": \"product\", \"value_column\": \"qty\", \"values\": [\"a\"]}",
                        List.of(SALES), "value_column", "region, product, amount"),
                new BadSettings("no values listed", "{\"pivot_column\": \"product\", \"value_column\": \"amount\"}",
                        List.of(SALES), "values", "at least one"),
                new BadSettings("value listed twice",
                        "{\"pivot_column\": \"product\", \"value_column\": \"amount\", \"values\": [\"a\", \"A\"]}",
                        List.of(SALES), "values[1]", "listed twice"),
                new BadSettings("value named like an index column", "{\"index\": [\"region\"], \"pivot_column\": \"product\", "
                        + "\"value_column\": \"amount\", \"values\": [\"region\"]}",
                        List.of(SALES), "values[0]", "index column"),
                new BadSettings("unknown aggregation", "{" + rest + ", \"aggregation\": \"mode\"}", List.of(SALES),
                        "aggregation", "sum, min, max, mean, count, first, concat"),
                new BadSettings("separator without concat", "{" + rest + ", \"separator\": \";\"}", List.of(SALES),
                        "separator", "only used by concat"));
    }

    @Test
    void firstAndConcatFollowTheInputOrderOfAParquetFileWithManyRowGroups() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             var statement = connection.createStatement()) {
            statement.execute("COPY (SELECT i % 2 AS shop, CASE WHEN i % 4 < 2 THEN 'x' ELSE 'y' END AS product, i AS value "
                    + "FROM range(200000) AS t(i)) TO '" + workDir.resolve("sales.parquet") + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        }
        String flow = """
                flowfile: 1
                name: pivot-first
                nodes:
                  - id: sales
                    type: read_parquet
                    settings: {path: sales.parquet}
                  - id: first_values
                    type: pivot
                    settings: {index: [shop], pivot_column: product, value_column: value, aggregation: first, values: [x, y]}
                  - id: all_values
                    type: pivot
                    settings: {index: [shop], pivot_column: product, value_column: value, aggregation: concat, values: [x, y]}
                edges:
                  - {from: sales, to: first_values}
                  - {from: sales, to: all_values}
                """;
        try (var flows = FlowHarness.create(workDir, 4)) {
            for (int run = 0; run < 5; run++) {
                assertThat(flows.output(flow, "first_values", ExecutionMode.PERFORMANCE).rows()).as("run %d", run)
                        .containsExactlyInAnyOrder(row("0", "0", "2"), row("1", "1", "3"));
                assertThat(flows.output(flow, "all_values", ExecutionMode.PERFORMANCE).rows().stream()
                        .map(row -> row(row.get(0), row.get(1).substring(0, 12), row.get(2).substring(0, 12))).toList())
                        .as("run %d", run)
                        .containsExactlyInAnyOrder(row("0", "0,4,8,12,16,", "2,6,10,14,18"), row("1", "1,5,9,13,17,", "3,7,11,15,19"));
            }
        }
    }

    @Test
    void columnsAreTheIndexThenTheListedValues() {
        NodeHarness.Result result = harness.run(type(), byRegion(null, List.of("c", "a"), null), SALES);

        assertThat(result.actual().names()).containsExactly("region", "c", "a");
    }
}
