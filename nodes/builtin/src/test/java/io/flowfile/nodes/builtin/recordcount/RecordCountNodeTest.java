package io.flowfile.nodes.builtin.recordcount;

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

class RecordCountNodeTest extends NodeContractTest<RecordCountSettings> {

    private static final In PEOPLE = in("main", table("name VARCHAR, age INTEGER",
            "('ann', 31)", "(NULL, NULL)", "('ann', 31)", "('dan', 40)"));

    @Override
    protected NodeType<RecordCountSettings> type() {
        return new RecordCountNode();
    }

    @Override
    protected List<Case<RecordCountSettings>> cases() {
        return List.of(
                Case.ordered("counts every row, nulls and duplicates included", new RecordCountSettings(null),
                        List.of(PEOPLE), List.of(row("4"))),
                Case.ordered("an empty input counts zero", new RecordCountSettings("rows"),
                        List.of(in("main", table("name VARCHAR"))), List.of(row("0"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        // record count refers to no column, so there is no unknown-column case
        return List.of(
                new BadSettings("blank name", "{\"name\": \" \"}", List.of(PEOPLE), "name", "required"),
                new BadSettings("name that is not text", "{\"name\": [\"a\"]}", List.of(PEOPLE), "name", "a string"));
    }

    @Test
    void namesTheBigintColumn() {
        NodeHarness.Result result = harness.run(type(), "{\"name\": \"Row Count\"}", PEOPLE);

        assertThat(result.predicted()).isEqualTo(Schema.of(new Column("Row Count", "BIGINT")));
        assertThat(result.rows()).containsExactly(row("4"));
    }
}
