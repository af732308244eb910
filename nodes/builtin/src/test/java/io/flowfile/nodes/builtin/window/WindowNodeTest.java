package io.flowfile.nodes.builtin.window;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.window.WindowSettings.Direction;
import io.flowfile.nodes.builtin.window.WindowSettings.Function;
import io.flowfile.nodes.builtin.window.WindowSettings.OrderKey;
import io.flowfile.nodes.builtin.window.WindowSettings.WindowColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowNodeTest extends NodeContractTest<WindowSettings> {

    private static final In DAYS = in("main", table("grp VARCHAR, day INTEGER, v INTEGER",
            "('a', 1, 10)", "('a', 2, 20)", "('a', 3, 5)", "('b', 1, 7)", "('b', 2, NULL)", "('b', 3, 3)"));
    private static final In SCORES = in("main", table("name VARCHAR, score INTEGER",
            "('a', 90)", "('b', 80)", "('c', 90)", "('d', 70)"));
    private static final List<String> BY_GROUP = List.of("grp");
    private static final List<OrderKey> BY_DAY = List.of(new OrderKey("day", null));

    @Override
    protected NodeType<WindowSettings> type() {
        return new WindowNode();
    }

    private static WindowColumn of(Function function, String column) {
        return new WindowColumn(function, column, null, null, null);
    }

    @Override
    protected List<Case<WindowSettings>> cases() {
        return List.of(
                Case.unordered("running totals per partition skip nulls",
                        new WindowSettings(BY_GROUP, BY_DAY, List.of(of(Function.CUMULATIVE_SUM, "v"),
                                of(Function.CUMULATIVE_COUNT, null), of(Function.CUMULATIVE_COUNT, "v"),
                                of(Function.CUMULATIVE_MIN, "v"), of(Function.CUMULATIVE_MAX, "v"))),
                        List.of(DAYS),
                        List.of(row("a", "1", "10", "10", "1", "1", "10", "10"), row("a", "2", "20", "30", "2", "2", "10", "20"),
                                row("a", "3", "5", "35", "3", "3", "5", "20"), row("b", "1", "7", "7", "1", "1", "7", "7"),
                                row("b", "2", null, "7", "2", "1", "7", "7"), row("b", "3", "3", "10", "3", "2", "3", "7"))),
                Case.unordered("rolling windows end at the current row and start shorter",
                        new WindowSettings(BY_GROUP, BY_DAY, List.of(new WindowColumn(Function.ROLLING_MEAN, "v", null, 2, null),
                                new WindowColumn(Function.ROLLING_SUM, "v", "sum2", 2, null))),
                        List.of(DAYS),
                        List.of(row("a", "1", "10", "10.0", "10"), row("a", "2", "20", "15.0", "30"),
                                row("a", "3", "5", "12.5", "25"), row("b", "1", "7", "7.0", "7"),
                                row("b", "2", null, "7.0", "7"), row("b", "3", "3", "3.0", "3"))),
                Case.unordered("descending order runs backwards",
                        new WindowSettings(BY_GROUP, List.of(new OrderKey("day", Direction.DESC)),
                                List.of(of(Function.CUMULATIVE_SUM, "v"))),
                        List.of(DAYS),
                        List.of(row("a", "1", "10", "35"), row("a", "2", "20", "25"), row("a", "3", "5", "5"),
                                row("b", "1", "7", "10"), row("b", "2", null, "3"), row("b", "3", "3", "3"))),
                Case.unordered("lag and lead with offsets",
                        new WindowSettings(BY_GROUP, BY_DAY, List.of(of(Function.LAG, "v"),
                                new WindowColumn(Function.LEAD, "v", "v_in_two_days", null, 2))),
                        List.of(DAYS),
                        List.of(row("a", "1", "10", null, "5"), row("a", "2", "20", "10", null), row("a", "3", "5", "20", null),
                                row("b", "1", "7", null, "3"), row("b", "2", null, "7", null), row("b", "3", "3", null, null))),
                Case.unordered("rank and dense rank share places on ties",
                        new WindowSettings(null, List.of(new OrderKey("score", Direction.DESC)),
                                List.of(of(Function.RANK, null), of(Function.DENSE_RANK, null))),
                        List.of(SCORES),
                        List.of(row("a", "90", "1", "1"), row("c", "90", "1", "1"), row("b", "80", "3", "2"),
                                row("d", "70", "4", "3"))),
                Case.unordered("row numbers follow every order key",
                        new WindowSettings(null, List.of(new OrderKey("score", Direction.DESC), new OrderKey("name", Direction.ASC)),
                                List.of(new WindowColumn(Function.ROW_NUMBER, null, "place", null, null))),
                        List.of(SCORES),
                        List.of(row("a", "90", "1"), row("c", "90", "2"), row("b", "80", "3"), row("d", "70", "4"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        String order = "\"order_by\": [{\"column\": \"day\"}]";
        String sum = "\"functions\": [{\"function\": \"cumulative_sum\", \"column\": \"v\"}]";
        return List.of(
                new BadSettings("unknown partition column names the existing ones",
                        "{\"partition_by\": [\"group\"], " + order + ", " + sum + "}", List.of(DAYS), "partition_by[0]",
                        "grp, day, v"),
                new BadSettings("unknown order column", "{\"order_by\": [{\"column\": \"date\"}], " + sum + "}",
                        List.of(DAYS), "order_by[0].column", "grp, day, v"),
                new BadSettings("unknown function column",
                        "{" + order + ", \"functions\": [{\"function\": \"lag\", \"column\": \"value\"}]}",
                        List.of(DAYS), "functions[0].column", "grp, day, v"),
                new BadSettings("no order", "{" + sum + "}", List.of(DAYS), "order_by", "at least one"),
                new BadSettings("rolling without a size",
                        "{" + order + ", \"functions\": [{\"function\": \"rolling_mean\", \"column\": \"v\"}]}",
                        List.of(DAYS), "functions[0].size", "1 or more"),
                new BadSettings("rolling size zero",
                        "{" + order + ", \"functions\": [{\"function\": \"rolling_sum\", \"column\": \"v\", \"size\": 0}]}",
                        List.of(DAYS), "functions[0].size", "1 or more, got 0"),
                new BadSettings("lag offset zero",
                        "{" + order + ", \"functions\": [{\"function\": \"lag\", \"column\": \"v\", \"offset\": 0}]}",
                        List.of(DAYS), "functions[0].offset", "1 or more"),
                new BadSettings("size on a running total",
                        "{" + order + ", \"functions\": [{\"function\": \"cumulative_sum\", \"column\": \"v\", \"size\": 2}]}",
                        List.of(DAYS), "functions[0].size", "only used by rolling"),
                new BadSettings("column on rank",
                        "{" + order + ", \"functions\": [{\"function\": \"rank\", \"column\": \"v\"}]}",
                        List.of(DAYS), "functions[0].column", "not used by rank"),
                new BadSettings("missing column", "{" + order + ", \"functions\": [{\"function\": \"cumulative_max\"}]}",
                        List.of(DAYS), "functions[0].column", "required"),
                new BadSettings("unknown function", "{" + order + ", \"functions\": [{\"function\": \"ntile\"}]}",
                        List.of(DAYS), "functions[0].function", "cumulative_sum, cumulative_count"),
                new BadSettings("alias named like an input column",
                        "{" + order + ", \"functions\": [{\"function\": \"lag\", \"column\": \"v\", \"alias\": \"DAY\"}]}",
                        List.of(DAYS), "functions[0].alias", "DAY"));
    }

    @Test
    void addsColumnsAfterTheInputColumnsWithDefaultNames() {
        NodeHarness.Result result = harness.run(type(), new WindowSettings(BY_GROUP, BY_DAY,
                List.of(of(Function.ROW_NUMBER, null), of(Function.CUMULATIVE_SUM, "v"))), DAYS);

        assertThat(result.actual().names()).containsExactly("grp", "day", "v", "row_number", "v_cumulative_sum");
    }
}
