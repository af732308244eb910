package io.flowfile.nodes.builtin.union;

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

class UnionNodeTest extends NodeContractTest<UnionSettings> {

    private static final In LETTERS = in("main", table("id INTEGER, name VARCHAR", "(1, 'a')", "(2, 'b')"));
    private static final In SCORES = in("main", table("name VARCHAR, score DOUBLE", "('c', 1.5)", "('a', NULL)"));
    private static final In WIDE_IDS = in("main", table("id BIGINT, name VARCHAR", "(1, 'a')", "(5000000000, 'e')"));

    @Override
    protected NodeType<UnionSettings> type() {
        return new UnionNode();
    }

    @Override
    protected List<Case<UnionSettings>> cases() {
        return List.of(
                Case.unordered("columns missing from an input are null", new UnionSettings(null), List.of(LETTERS, SCORES),
                        List.of(row("1", "a", null), row("2", "b", null), row(null, "c", "1.5"), row(null, "a", null))),
                Case.unordered("every row is kept by default", new UnionSettings(false), List.of(LETTERS, WIDE_IDS, LETTERS),
                        List.of(row("1", "a"), row("2", "b"), row("1", "a"), row("5000000000", "e"), row("1", "a"),
                                row("2", "b"))),
                Case.unordered("distinct drops duplicate rows", new UnionSettings(true), List.of(LETTERS, WIDE_IDS, LETTERS),
                        List.of(row("1", "a"), row("2", "b"), row("5000000000", "e"))),
                Case.unordered("one input passes through", new UnionSettings(null), List.of(SCORES),
                        List.of(row("c", "1.5"), row("a", null))),
                Case.unordered("one input with distinct", new UnionSettings(true),
                        List.of(in("main", table("x INTEGER", "(1)", "(1)", "(2)"))),
                        List.of(row("1"), row("2"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        // union refers to no column, so there is no unknown-column case
        return List.of(
                new BadSettings("distinct that is not a boolean", "{\"distinct\": \"maybe\"}", List.of(LETTERS, SCORES),
                        "distinct", "true or false"),
                new BadSettings("unknown setting", "{\"by_position\": true}", List.of(LETTERS, SCORES),
                        "by_position", "known settings: distinct"));
    }

    @Test
    void columnsComeInTheOrderFirstSeenWithWidenedTypes() {
        NodeHarness.Result result = harness.run(type(), new UnionSettings(null), SCORES, LETTERS, WIDE_IDS);

        assertThat(result.actual()).isEqualTo(Schema.of(new Column("name", "VARCHAR"), new Column("score", "DOUBLE"),
                new Column("id", "BIGINT")));
    }
}
