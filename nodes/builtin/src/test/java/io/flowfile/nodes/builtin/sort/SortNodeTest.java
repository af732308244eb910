package io.flowfile.nodes.builtin.sort;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;

import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.sort.SortSettings.Direction;
import io.flowfile.nodes.builtin.sort.SortSettings.Nulls;
import io.flowfile.nodes.builtin.sort.SortSettings.SortKey;
import java.util.List;

class SortNodeTest extends NodeContractTest<SortSettings> {

    private static final In PEOPLE = in("main", table("name VARCHAR, city VARCHAR, age INTEGER",
            "('ann', 'oslo', 31)", "('bob', 'rome', NULL)", "('cid', 'oslo', 25)", "('dan', NULL, 40)"));

    @Override
    protected NodeType<SortSettings> type() {
        return new SortNode();
    }

    @Override
    protected List<Case<SortSettings>> cases() {
        return List.of(
                Case.ordered("one key ascending, nulls last",
                        new SortSettings(List.of(new SortKey("age", null, null))), List.of(PEOPLE),
                        List.of(row("cid", "oslo", "25"), row("ann", "oslo", "31"), row("dan", null, "40"), row("bob", "rome", null))),
                Case.ordered("descending with nulls first, then a second key",
                        new SortSettings(List.of(new SortKey("city", Direction.DESC, Nulls.FIRST), new SortKey("name", Direction.DESC, null))),
                        List.of(PEOPLE),
                        List.of(row("dan", null, "40"), row("bob", "rome", null), row("cid", "oslo", "25"), row("ann", "oslo", "31"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("unknown column names the existing ones", "{\"keys\": [{\"column\": \"height\"}]}",
                        List.of(PEOPLE), "keys[0].column", "name, city, age"),
                new BadSettings("no keys", "{\"keys\": []}", List.of(PEOPLE), "keys", "at least one"),
                new BadSettings("bad direction", "{\"keys\": [{\"column\": \"age\", \"direction\": \"up\"}]}",
                        List.of(PEOPLE), "keys[0].direction", "asc, desc"));
    }
}
