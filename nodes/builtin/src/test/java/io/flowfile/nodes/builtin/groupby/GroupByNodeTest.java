package io.flowfile.nodes.builtin.groupby;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.node.Column;
import io.flowfile.node.NodeType;
import io.flowfile.node.Schema;
import io.flowfile.nodes.builtin.FlowHarness;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.groupby.GroupBySettings.Aggregation;
import io.flowfile.nodes.builtin.groupby.GroupBySettings.Function;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupByNodeTest extends NodeContractTest<GroupBySettings> {

    private static final In SALES = in("main", table("region VARCHAR, product VARCHAR, amount INTEGER, price DOUBLE",
            "('north', 'a', 10, 1.5)", "('north', 'b', 20, 2.5)", "('south', 'a', 5, NULL)", "('north', 'a', 30, 3.5)",
            "('south', 'c', NULL, 4.0)"));

    private static final In PRICES = in("main", table("shop VARCHAR, price DECIMAL(12,2), big BIGINT",
            "('a', 1.10, 9007199254740993)", "('a', 1.15, 9007199254740996)", "('b', 2.00, 1)"));

    @Override
    protected NodeType<GroupBySettings> type() {
        return new GroupByNode();
    }

    private static Aggregation of(String column, Function function) {
        return new Aggregation(column, function, null, null);
    }

    @Override
    protected List<Case<GroupBySettings>> cases() {
        return List.of(
                Case.unordered("sums, extremes, means and counts per group",
                        new GroupBySettings(List.of("region"), List.of(of("amount", Function.SUM), of("amount", Function.MIN),
                                of("amount", Function.MAX), of("amount", Function.MEAN), of("amount", Function.COUNT),
                                of("product", Function.COUNT_DISTINCT))),
                        List.of(SALES),
                        List.of(row("north", "60", "10", "30", "20.0", "3", "2"),
                                row("south", "5", "5", "5", "5.0", "1", "2"))),
                Case.unordered("spread per group; one value has no sample deviation",
                        new GroupBySettings(List.of("region"), List.of(of("amount", Function.STD), of("amount", Function.VAR),
                                of("amount", Function.MEDIAN))),
                        List.of(SALES),
                        List.of(row("north", "10.0", "100.0", "20.0"), row("south", null, null, "5.0"))),
                Case.unordered("no group columns gives one row over everything",
                        new GroupBySettings(null, List.of(of("amount", Function.MEDIAN), of("price", Function.MAX),
                                new Aggregation("region", Function.COUNT, "rows", null))),
                        List.of(SALES),
                        List.of(row("15.0", "4.0", "5"))),
                Case.unordered("concat with a separator, first and last in input order",
                        new GroupBySettings(List.of("region"), List.of(new Aggregation("product", Function.CONCAT, null, "|"),
                                of("amount", Function.FIRST), of("amount", Function.LAST),
                                new Aggregation("amount", Function.CONCAT, "amounts", null))),
                        List.of(SALES),
                        List.of(row("north", "a|b|a", "10", "30", "10,20,30"), row("south", "a|c", "5", null, "5"))),
                Case.unordered("the median of two middle values is exact, for decimals and for integers past 2^53",
                        new GroupBySettings(List.of("shop"), List.of(of("price", Function.MEDIAN), of("big", Function.MEDIAN))),
                        List.of(PRICES),
                        List.of(row("a", "1.125", "9007199254740994.5"), row("b", "2.000", "1.0"))),
                Case.unordered("several group columns and an alias",
                        new GroupBySettings(List.of("region", "product"), List.of(new Aggregation("amount", Function.COUNT, "n", null))),
                        List.of(SALES),
                        List.of(row("north", "a", "2"), row("north", "b", "1"), row("south", "a", "1"), row("south", "c", "0"))),
                Case.unordered("group columns alone give the distinct groups",
                        new GroupBySettings(List.of("region"), null), List.of(SALES),
                        List.of(row("north"), row("south"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("unknown group column names the existing ones", "{\"group_by\": [\"country\"]}",
                        List.of(SALES), "group_by[0]", "region, product, amount, price"),
                new BadSettings("unknown aggregated column",
                        "{\"group_by\": [\"region\"], \"aggregations\": [{\"column\": \"qty\", \"function\": \"sum\"}]}",
                        List.of(SALES), "aggregations[0].column", "region, product, amount, price"),
                new BadSettings("unknown function",
                        "{\"aggregations\": [{\"column\": \"amount\", \"function\": \"mode\"}]}",
                        List.of(SALES), "aggregations[0].function", "sum, min, max, mean, median, count, count_distinct"),
                new BadSettings("missing function", "{\"aggregations\": [{\"column\": \"amount\"}]}",
                        List.of(SALES), "aggregations[0].function", "required"),
                new BadSettings("separator on a sum",
                        "{\"aggregations\": [{\"column\": \"amount\", \"function\": \"sum\", \"separator\": \";\"}]}",
                        List.of(SALES), "aggregations[0].separator", "only used by concat"),
                new BadSettings("alias used twice",
                        "{\"aggregations\": [{\"column\": \"amount\", \"function\": \"sum\"}, "
                                + "{\"column\": \"price\", \"function\": \"max\", \"alias\": \"AMOUNT_SUM\"}]}",
                        List.of(SALES), "aggregations[1].alias", "AMOUNT_SUM"),
                new BadSettings("alias named like a group column",
                        "{\"group_by\": [\"region\"], \"aggregations\": [{\"column\": \"amount\", \"function\": \"sum\", "
                                + "\"alias\": \"region\"}]}",
                        List.of(SALES), "aggregations[0].alias", "region"),
                new BadSettings("nothing to group or compute", "{}", List.of(SALES), "aggregations", "at least one"));
    }

    @Test
    void theMedianOfADecimalHasOneMoreDigitAfterThePoint() {
        NodeHarness.Result result = harness.run(type(), new GroupBySettings(null, List.of(of("price", Function.MEDIAN),
                of("big", Function.MEDIAN))), PRICES);

        assertThat(result.predicted()).isEqualTo(Schema.of(new Column("price_median", "DECIMAL(13,3)"),
                new Column("big_median", "DECIMAL(20,1)")));
        assertThat(result.rows()).containsExactly(row("1.150", "9007199254740993.0"));
    }

    @Test
    void firstLastAndConcatFollowTheInputOrderOfAParquetFileWithManyRowGroups() throws Exception {
        writeParquet("events.parquet", "SELECT i % 3 AS key, i AS value FROM range(300000) AS t(i)", 2048);
        String flow = """
                flowfile: 1
                name: first-last
                nodes:
                  - id: events
                    type: read_parquet
                    settings: {path: events.parquet}
                  - id: per_key
                    type: group_by
                    settings:
                      group_by: [key]
                      aggregations:
                        - {column: value, function: first}
                        - {column: value, function: last}
                        - {column: value, function: concat, alias: all_values}
                edges:
                  - {from: events, to: per_key}
                """;
        try (var flows = FlowHarness.create(workDir, 4)) {
            for (ExecutionMode mode : List.of(ExecutionMode.PERFORMANCE, ExecutionMode.PERFORMANCE, ExecutionMode.PERFORMANCE,
                    ExecutionMode.PERFORMANCE, ExecutionMode.PERFORMANCE, ExecutionMode.DEVELOPMENT)) {
                List<List<String>> rows = flows.output(flow, "per_key", mode).rows().stream()
                        .map(row -> row(row.get(0), row.get(1), row.get(2), row.get(3).substring(0, 20)))
                        .sorted(java.util.Comparator.comparing(row -> row.get(0)))
                        .toList();
                assertThat(rows).as("run in %s mode", mode).containsExactly(
                        row("0", "0", "299997", "0,3,6,9,12,15,18,21,"),
                        row("1", "1", "299998", "1,4,7,10,13,16,19,22"),
                        row("2", "2", "299999", "2,5,8,11,14,17,20,23"));
            }
        }
    }

    @Test
    void aSumPast2To53StaysExactWhenItComesFromTheResultCache() {
        String flow = """
                flowfile: 1
                name: cached-sum
                nodes:
                  - id: amounts
                    type: manual_input
                    settings:
                      columns: [{name: amount, type: BIGINT}]
                      rows: [[9007199254740993], [0]]
                  - id: total
                    type: group_by
                    settings: {aggregations: [{column: amount, function: sum}]}
                edges:
                  - {from: amounts, to: total}
                """;
        try (var flows = FlowHarness.create(workDir, 2)) {
            for (int run = 0; run < 2; run++) { // the second run reads the first one's result from the cache
                FlowHarness.Output output = flows.output(flow, "total", ExecutionMode.DEVELOPMENT);
                assertThat(output.schema()).as("run %d", run).isEqualTo(Schema.of(new Column("amount_sum", "HUGEINT")));
                assertThat(output.rows()).as("run %d", run).containsExactly(row("9007199254740993"));
            }
        }
    }

    private void writeParquet(String name, String query, int rowGroupSize) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             var statement = connection.createStatement()) {
            statement.execute("COPY (" + query + ") TO '" + workDir.resolve(name) + "' (FORMAT parquet, ROW_GROUP_SIZE "
                    + rowGroupSize + ")");
        }
    }

    @Test
    void defaultAliasIsColumnAndFunction() {
        NodeHarness.Result result = harness.run(type(),
                "{\"aggregations\": [{\"column\": \"product\", \"function\": \"count_distinct\"}]}", SALES);

        assertThat(result.actual().names()).containsExactly("product_count_distinct");
        assertThat(result.rows()).containsExactly(row("3"));
    }
}
