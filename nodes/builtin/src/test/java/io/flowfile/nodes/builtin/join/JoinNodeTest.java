package io.flowfile.nodes.builtin.join;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.Column;
import io.flowfile.node.NodeType;
import io.flowfile.node.Schema;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.join.JoinSettings.Clash;
import io.flowfile.nodes.builtin.join.JoinSettings.How;
import io.flowfile.nodes.builtin.join.JoinSettings.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinNodeTest extends NodeContractTest<JoinSettings> {

    private static final In PEOPLE = in("left", table("id INTEGER, name VARCHAR, city VARCHAR",
            "(1, 'ann', 'oslo')", "(2, 'bob', 'rome')", "(3, 'cid', 'oslo')", "(NULL, 'dan', 'bern')"));
    private static final In SCORES = in("right", table("id INTEGER, name VARCHAR, score INTEGER",
            "(1, 'ANN', 10)", "(3, 'CID', 30)", "(3, 'CID2', 31)", "(4, 'eve', 40)", "(NULL, 'nul', 50)"));
    private static final In FULL_NAMES = in("left", table("first VARCHAR, last VARCHAR, age INTEGER",
            "('ann', 'lee', 31)", "('ann', 'ray', 40)", "('bob', 'lee', 25)"));
    private static final In FAMILY = in("right", table("given VARCHAR, family VARCHAR, age INTEGER",
            "('ann', 'lee', 32)", "('bob', 'ray', 26)", "('bob', 'lee', 27)"));
    private static final In LETTERS = in("left", table("id INTEGER, name VARCHAR", "(1, 'a')", "(2, 'b')"));
    private static final In WORDS = in("right", table("name VARCHAR", "('x')", "('y')"));
    private static final List<KeyPair> BY_ID = List.of(new KeyPair("id", "id"));

    @Override
    protected NodeType<JoinSettings> type() {
        return new JoinNode();
    }

    private static JoinSettings byId(How how) {
        return new JoinSettings(how, BY_ID, null, null, null);
    }

    @Override
    protected List<Case<JoinSettings>> cases() {
        return List.of(
                Case.unordered("inner join drops the right key and suffixes the clashing name", byId(How.INNER),
                        List.of(PEOPLE, SCORES),
                        List.of(row("1", "ann", "oslo", "ANN", "10"), row("3", "cid", "oslo", "CID", "30"),
                                row("3", "cid", "oslo", "CID2", "31"))),
                Case.unordered("left join keeps unmatched left rows with nulls", byId(How.LEFT), List.of(PEOPLE, SCORES),
                        List.of(row("1", "ann", "oslo", "ANN", "10"), row("2", "bob", "rome", null, null),
                                row("3", "cid", "oslo", "CID", "30"), row("3", "cid", "oslo", "CID2", "31"),
                                row(null, "dan", "bern", null, null))),
                Case.unordered("right join takes the key of unmatched right rows", byId(How.RIGHT), List.of(PEOPLE, SCORES),
                        List.of(row("1", "ann", "oslo", "ANN", "10"), row("3", "cid", "oslo", "CID", "30"),
                                row("3", "cid", "oslo", "CID2", "31"), row("4", null, null, "eve", "40"),
                                row(null, null, null, "nul", "50"))),
                Case.unordered("full join keeps unmatched rows of both sides", byId(How.FULL), List.of(PEOPLE, SCORES),
                        List.of(row("1", "ann", "oslo", "ANN", "10"), row("2", "bob", "rome", null, null),
                                row("3", "cid", "oslo", "CID", "30"), row("3", "cid", "oslo", "CID2", "31"),
                                row(null, "dan", "bern", null, null), row("4", null, null, "eve", "40"),
                                row(null, null, null, "nul", "50"))),
                Case.unordered("semi join keeps left rows with a match, once", byId(How.SEMI), List.of(PEOPLE, SCORES),
                        List.of(row("1", "ann", "oslo"), row("3", "cid", "oslo"))),
                Case.unordered("anti join keeps left rows without a match, null keys included", byId(How.ANTI),
                        List.of(PEOPLE, SCORES),
                        List.of(row("2", "bob", "rome"), row(null, "dan", "bern"))),
                Case.unordered("cross join pairs every row and suffixes the clashing name",
                        new JoinSettings(How.CROSS, null, null, null, null), List.of(LETTERS, WORDS),
                        List.of(row("1", "a", "x"), row("1", "a", "y"), row("2", "b", "x"), row("2", "b", "y"))),
                Case.unordered("two key pairs with different names keep both sides' keys",
                        new JoinSettings(How.INNER, List.of(new KeyPair("first", "given"), new KeyPair("last", "family")),
                                null, null, null),
                        List.of(FULL_NAMES, FAMILY),
                        List.of(row("ann", "lee", "31", "ann", "lee", "32"), row("bob", "lee", "25", "bob", "lee", "27"))),
                Case.unordered("both suffixes rename a clash on both sides",
                        new JoinSettings(How.LEFT, List.of(new KeyPair("first", "given"), new KeyPair("last", "family")),
                                Clash.SUFFIX, "_l", "_r"),
                        List.of(FULL_NAMES, FAMILY),
                        List.of(row("ann", "lee", "31", "ann", "lee", "32"), row("ann", "ray", "40", null, null, null),
                                row("bob", "lee", "25", "bob", "lee", "27"))),
                Case.unordered("full join on keys of different types lets DuckDB type the key",
                        byId(How.FULL),
                        List.of(in("left", table("id INTEGER, a VARCHAR", "(1, 'x')", "(2, 'y')")),
                                in("right", table("id BIGINT, b VARCHAR", "(2, 'p')", "(5000000000, 'q')"))),
                        List.of(row("1", "x", null), row("2", "y", "p"), row("5000000000", null, "q"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        String byId = "\"keys\": [{\"left\": \"id\", \"right\": \"id\"}]";
        return List.of(
                new BadSettings("unknown left key names the left columns",
                        "{\"keys\": [{\"left\": \"person\", \"right\": \"id\"}]}", List.of(PEOPLE, SCORES),
                        "keys[0].left", "id, name, city"),
                new BadSettings("unknown right key names the right columns",
                        "{\"keys\": [{\"left\": \"id\", \"right\": \"person\"}]}", List.of(PEOPLE, SCORES),
                        "keys[0].right", "id, name, score"),
                new BadSettings("no keys for an inner join", "{\"how\": \"inner\"}", List.of(PEOPLE, SCORES),
                        "keys", "at least one"),
                new BadSettings("keys for a cross join", "{\"how\": \"cross\", " + byId + "}", List.of(PEOPLE, SCORES),
                        "keys", "cross join"),
                new BadSettings("unknown join kind", "{\"how\": \"outer\", " + byId + "}", List.of(PEOPLE, SCORES),
                        "how", "inner, left, right, full, semi, anti, cross"),
                new BadSettings("blank key", "{\"keys\": [{\"left\": \"\", \"right\": \"id\"}]}", List.of(PEOPLE, SCORES),
                        "keys[0].left", "required"),
                new BadSettings("clash set to fail lists the clashing names", "{\"clash\": \"fail\", " + byId + "}",
                        List.of(PEOPLE, SCORES), "clash", "name"),
                new BadSettings("equal suffixes", "{\"left_suffix\": \"_x\", \"right_suffix\": \"_X\", " + byId + "}",
                        List.of(PEOPLE, SCORES), "right_suffix", "must differ"),
                new BadSettings("suffix giving an existing name", "{" + byId + "}",
                        List.of(in("left", table("id INTEGER, v INTEGER, v_right INTEGER", "(1, 2, 3)")),
                                in("right", table("id INTEGER, v INTEGER", "(1, 4)"))),
                        "right_suffix", "v_right"));
    }

    @Test
    void predictsTheSchemaWithSuffixesWithoutBindingTheQuery() {
        NodeHarness.Result result = harness.run(type(), byId(How.FULL), PEOPLE, SCORES);

        assertThat(result.predicted()).isEqualTo(Schema.of(new Column("id", "INTEGER"), new Column("name", "VARCHAR"),
                new Column("city", "VARCHAR"), new Column("name_right", "VARCHAR"), new Column("score", "INTEGER")));
    }
}
