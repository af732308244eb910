package io.flowfile.nodes.builtin.custom;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.custom.CustomNodeType;
import io.flowfile.engine.custom.CustomSettings;
import io.flowfile.engine.custom.NodeTypeDocument;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.Table;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.NodeContractTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A custom node type implemented in SQL passes the built-ins' contract; its settings' text never changes its query. */
class SqlNodeTypeTest extends NodeContractTest<CustomSettings> {

    static final String TOP_N = """
            flowfile_node: 1
            type: top_n_per_group
            title: Top N per group
            category: aggregate
            description: The N rows with the largest value in each group.
            inputs: [main]
            outputs: [main]
            form:
              sections:
                - title: Columns
                  components:
                    - {name: group_by, kind: column, label: Group by, required: true}
                    - {name: order_by, kind: column, label: Order by, column_types: numeric, required: true}
                - title: How many
                  components:
                    - {name: n, kind: number, label: Rows per group, min: 1, max: 1000, step: 1, integer: true, default: 1}
                    - {name: smallest, kind: toggle, label: Smallest instead of largest, default: false}
                    - {name: tag, kind: text, label: Tag each row with}
            implementation:
              kind: sql
              sql: |
                SELECT *, {{tag}} AS tag FROM main
                QUALIFY row_number() OVER (PARTITION BY {{group_by}}
                  ORDER BY CASE WHEN {{smallest}} THEN {{order_by}} ELSE -{{order_by}} END, {{order_by}}) <= {{n}}
            """;

    private static final Table SALES = table("region VARCHAR, amount INTEGER",
            "('north', 5)", "('north', 9)", "('north', 7)", "('south', 1)", "('south', 4)");

    static CustomNodeType topN() {
        return CustomNodeType.of(NodeTypeDocument.read(TOP_N, FlowFormat.YAML));
    }

    private static CustomSettings settings(String json) {
        return CustomSettings.parse(json);
    }

    @Override
    protected NodeType<CustomSettings> type() {
        return topN();
    }

    @Override
    protected List<Case<CustomSettings>> cases() {
        return List.of(
                Case.unordered("the largest per group by default", settings("{\"group_by\": \"region\", \"order_by\": \"amount\"}"),
                        List.of(in("main", SALES)), List.of(row("north", "9", null), row("south", "4", null))),
                Case.unordered("two smallest, tagged", settings(
                                "{\"group_by\": \"region\", \"order_by\": \"amount\", \"n\": 2, \"smallest\": true, \"tag\": \"low\"}"),
                        List.of(in("main", SALES)),
                        List.of(row("north", "5", "low"), row("north", "7", "low"), row("south", "1", "low"), row("south", "4", "low"))),
                Case.unordered("a tag that tries to end the query is only a value", settings(
                                "{\"group_by\": \"region\", \"order_by\": \"amount\", \"tag\": \"x' AS tag FROM main)); DROP TABLE main; --\"}"),
                        List.of(in("main", SALES)),
                        List.of(row("north", "9", "x' AS tag FROM main)); DROP TABLE main; --"),
                                row("south", "4", "x' AS tag FROM main)); DROP TABLE main; --"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("a missing required column", "{\"order_by\": \"amount\"}", List.of(in("main", SALES)),
                        "settings.group_by", "'Group by' needs a value"),
                new BadSettings("an unknown column lists the existing ones", "{\"group_by\": \"area\", \"order_by\": \"amount\"}",
                        List.of(in("main", SALES)), "settings.group_by", "region, amount"),
                new BadSettings("a text column where numbers are wanted", "{\"group_by\": \"region\", \"order_by\": \"region\"}",
                        List.of(in("main", SALES)), "settings.order_by", "not a numeric column"),
                new BadSettings("a column name that tries to break out of its quotes",
                        "{\"group_by\": \"region\\\") FROM main; --\", \"order_by\": \"amount\"}",
                        List.of(in("main", SALES)), "settings.group_by", "does not exist"),
                new BadSettings("a fraction where a whole number is wanted", "{\"group_by\": \"region\", \"order_by\": \"amount\", \"n\": 1.5}",
                        List.of(in("main", SALES)), "settings.n", "whole number"),
                new BadSettings("a number below the least", "{\"group_by\": \"region\", \"order_by\": \"amount\", \"n\": 0}",
                        List.of(in("main", SALES)), "settings.n", "below the least value, 1"),
                new BadSettings("a text where a number is wanted", "{\"group_by\": \"region\", \"order_by\": \"amount\", \"n\": \"3; DROP\"}",
                        List.of(in("main", SALES)), "settings.n", "must be a whole number"),
                new BadSettings("an unknown setting", "{\"group_by\": \"region\", \"order_by\": \"amount\", \"limit\": 3}",
                        List.of(in("main", SALES)), "settings.limit", "known settings: group_by, n, order_by, smallest, tag"));
    }

    @Test
    void theOutputSchemaIsKnownBeforeARun() {
        List<io.flowfile.engine.Problem> problems = harness.validate(type(), "{\"group_by\": \"region\", \"order_by\": \"amount\"}",
                in("main", SALES));
        assertThat(problems).isEmpty();
        NodeHarness.Result result = harness.run(type(), settings("{\"group_by\": \"region\", \"order_by\": \"amount\"}"), in("main", SALES));
        assertThat(result.predicted().names()).containsExactly("region", "amount", "tag");
    }

    @Test
    void aQueryThatIsNotOneSelectIsRefused() {
        String twoStatements = TOP_N.replace("SELECT *, {{tag}} AS tag FROM main", "SELECT 1)); DROP TABLE main; SELECT ((1");
        NodeType<CustomSettings> broken = CustomNodeType.of(NodeTypeDocument.read(twoStatements, FlowFormat.YAML));
        try (NodeHarness own = NodeHarness.create(workDir.resolve("broken"), broken)) {
            assertThat(own.validate(broken, "{\"group_by\": \"region\", \"order_by\": \"amount\"}", in("main", SALES)))
                    .anySatisfy(problem -> assertThat(problem.message()).contains("node type 'top_n_per_group'"));
        }
    }
}
