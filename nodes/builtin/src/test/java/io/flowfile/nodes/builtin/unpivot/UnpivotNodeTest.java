package io.flowfile.nodes.builtin.unpivot;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.Column;
import io.flowfile.node.NodeType;
import io.flowfile.node.Schema;
import io.flowfile.nodes.builtin.NodeContractTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnpivotNodeTest extends NodeContractTest<UnpivotSettings> {

    private static final In QUARTERS = in("main", table("id VARCHAR, q1 INTEGER, q2 INTEGER, note VARCHAR",
            "('a', 1, 2, 'x')", "('b', NULL, 4, 'y')"));

    @Override
    protected NodeType<UnpivotSettings> type() {
        return new UnpivotNode();
    }

    @Override
    protected List<Case<UnpivotSettings>> cases() {
        return List.of(
                Case.unordered("listed columns become rows; other columns are dropped; nulls are kept",
                        new UnpivotSettings(List.of("id"), List.of("q1", "q2"), null, null), List.of(QUARTERS),
                        List.of(row("a", "q1", "1"), row("a", "q2", "2"), row("b", "q1", null), row("b", "q2", "4"))),
                Case.unordered("no columns listed unpivots every column not in the index",
                        new UnpivotSettings(List.of("id", "note"), null, null, null), List.of(QUARTERS),
                        List.of(row("a", "x", "q1", "1"), row("a", "x", "q2", "2"), row("b", "y", "q1", null),
                                row("b", "y", "q2", "4"))),
                Case.unordered("custom names and no index",
                        new UnpivotSettings(null, List.of("q2", "q1"), "quarter", "amount"), List.of(QUARTERS),
                        List.of(row("q2", "2"), row("q1", "1"), row("q2", "4"), row("q1", null))),
                Case.unordered("integer widths share a common type",
                        new UnpivotSettings(List.of("k"), null, null, null),
                        List.of(in("main", table("k VARCHAR, small INTEGER, big BIGINT", "('r', 1, 5000000000)"))),
                        List.of(row("r", "small", "1"), row("r", "big", "5000000000"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("unknown index column names the existing ones", "{\"index\": [\"key\"]}",
                        List.of(QUARTERS), "index[0]", "id, q1, q2, note"),
                new BadSettings("unknown unpivoted column", "{\"index\": [\"id\"], \"columns\": [\"q1\", \"q3\"]}",
                        List.of(QUARTERS), "columns[1]", "id, q1, q2, note"),
                new BadSettings("column both index and unpivoted", "{\"index\": [\"id\"], \"columns\": [\"ID\"]}",
                        List.of(QUARTERS), "columns[0]", "also an index column"),
                new BadSettings("same name for variable and value", "{\"variable_name\": \"v\", \"value_name\": \"V\"}",
                        List.of(QUARTERS), "value_name", "must differ"),
                new BadSettings("variable name taken by an index column",
                        "{\"index\": [\"id\"], \"columns\": [\"q1\"], \"variable_name\": \"id\"}",
                        List.of(QUARTERS), "variable_name", "also an index column"),
                new BadSettings("every column in the index", "{\"index\": [\"id\", \"q1\", \"q2\", \"note\"]}",
                        List.of(QUARTERS), "columns", "no column left"),
                new BadSettings("blank value name", "{\"value_name\": \"\"}", List.of(QUARTERS), "value_name", "required"));
    }

    @Test
    void namesTheOutputColumns() {
        NodeHarness.Result result = harness.run(type(), new UnpivotSettings(List.of("id"), List.of("q1"), "quarter", "amount"),
                QUARTERS);

        assertThat(result.actual()).isEqualTo(Schema.of(new Column("id", "VARCHAR"), new Column("quarter", "VARCHAR"),
                new Column("amount", "INTEGER")));
    }

    @Test
    void columnsWithoutACommonTypeAreRefusedBeforeARun() {
        var problems = harness.validate(type(), "{\"index\": [\"id\"]}", QUARTERS);

        assertThat(problems).anySatisfy(problem -> {
            assertThat(problem.nodeId()).isEqualTo(NodeHarness.NODE_ID);
            assertThat(problem.message()).contains("INTEGER").contains("VARCHAR");
        });
    }
}
