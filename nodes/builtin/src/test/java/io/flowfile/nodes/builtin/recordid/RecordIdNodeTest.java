package io.flowfile.nodes.builtin.recordid;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.Column;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.NodeContractTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordIdNodeTest extends NodeContractTest<RecordIdSettings> {

    private static final In PLAYERS = in("main", table("name VARCHAR, team VARCHAR, score INTEGER",
            "('ann', 'red', 7)", "('bob', 'blue', 3)", "('cid', 'red', 5)", "('dan', 'blue', NULL)", "('eve', 'red', 9)"));

    @Override
    protected NodeType<RecordIdSettings> type() {
        return new RecordIdNode();
    }

    @Override
    protected List<Case<RecordIdSettings>> cases() {
        return List.of(
                Case.ordered("numbers from 1 in input order, in front", new RecordIdSettings(null, null, null, null),
                        List.of(PLAYERS),
                        List.of(row("1", "ann", "red", "7"), row("2", "bob", "blue", "3"), row("3", "cid", "red", "5"),
                                row("4", "dan", "blue", null), row("5", "eve", "red", "9"))),
                Case.ordered("another name and offset 0", new RecordIdSettings("n", 0L, null, null), List.of(PLAYERS),
                        List.of(row("0", "ann", "red", "7"), row("1", "bob", "blue", "3"), row("2", "cid", "red", "5"),
                                row("3", "dan", "blue", null), row("4", "eve", "red", "9"))),
                Case.ordered("numbering restarts per group", new RecordIdSettings(null, null, List.of("team"), null),
                        List.of(PLAYERS),
                        List.of(row("1", "ann", "red", "7"), row("1", "bob", "blue", "3"), row("2", "cid", "red", "5"),
                                row("2", "dan", "blue", null), row("3", "eve", "red", "9"))),
                Case.ordered("per group by score, nulls last; rows stay in input order",
                        new RecordIdSettings(null, null, List.of("team"), List.of("score")), List.of(PLAYERS),
                        List.of(row("2", "ann", "red", "7"), row("1", "bob", "blue", "3"), row("1", "cid", "red", "5"),
                                row("2", "dan", "blue", null), row("3", "eve", "red", "9"))),
                Case.ordered("by score from 10", new RecordIdSettings("rank", 10L, null, List.of("score")), List.of(PLAYERS),
                        List.of(row("12", "ann", "red", "7"), row("10", "bob", "blue", "3"), row("11", "cid", "red", "5"),
                                row("14", "dan", "blue", null), row("13", "eve", "red", "9"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("unknown group column names the existing ones", "{\"group_by\": [\"league\"]}",
                        List.of(PLAYERS), "group_by[0]", "name, team, score"),
                new BadSettings("unknown order column names the existing ones", "{\"order_by\": [\"team\", \"height\"]}",
                        List.of(PLAYERS), "order_by[1]", "name, team, score"),
                new BadSettings("a name the input has", "{\"column\": \"Name\"}", List.of(PLAYERS), "column", "already exists"),
                new BadSettings("negative offset", "{\"offset\": -1}", List.of(PLAYERS), "offset", "0 or more"),
                new BadSettings("blank name", "{\"column\": \"\"}", List.of(PLAYERS), "column", "is required"));
    }

    @Test
    void theNewColumnIsABigintInFront() {
        NodeHarness.Result result = harness.run(type(), new RecordIdSettings(null, null, null, null), PLAYERS);

        assertThat(result.actual().columns().getFirst()).isEqualTo(new Column("record_id", "BIGINT"));
        assertThat(result.actual().names()).containsExactly("record_id", "name", "team", "score");
    }
}
