package io.flowfile.nodes.builtin.unique;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;

import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.unique.UniqueSettings.Keep;
import java.util.List;

class UniqueNodeTest extends NodeContractTest<UniqueSettings> {

    /** Rows 1 and 4 are the same; two rows have no city. */
    private static final In PEOPLE = in("main", table("name VARCHAR, city VARCHAR, age INTEGER",
            "('ann', 'oslo', 31)", "('bob', 'rome', 20)", "('cid', 'oslo', 25)", "('ann', 'oslo', 31)",
            "('eve', NULL, 40)", "('fay', NULL, 22)"));

    private static final List<String> ANN = row("ann", "oslo", "31");
    private static final List<String> BOB = row("bob", "rome", "20");
    private static final List<String> CID = row("cid", "oslo", "25");
    private static final List<String> EVE = row("eve", null, "40");
    private static final List<String> FAY = row("fay", null, "22");

    @Override
    protected NodeType<UniqueSettings> type() {
        return new UniqueNode();
    }

    private static UniqueSettings byCity(Keep keep, String... orderBy) {
        return new UniqueSettings(List.of("city"), keep, List.of(orderBy));
    }

    @Override
    protected List<Case<UniqueSettings>> cases() {
        return List.of(
                Case.unordered("any row of all columns drops exact duplicates",
                        new UniqueSettings(List.of(), Keep.ANY, null), List.of(PEOPLE), list(ANN, BOB, CID, EVE, FAY)),
                Case.unordered("any row per name", new UniqueSettings(List.of("name"), Keep.ANY, null), List.of(PEOPLE),
                        list(ANN, BOB, CID, EVE, FAY)),
                Case.ordered("first row per city in input order; nulls make one key", byCity(Keep.FIRST), List.of(PEOPLE),
                        list(ANN, BOB, EVE)),
                Case.ordered("first is the default", new UniqueSettings(List.of("city"), null, null), List.of(PEOPLE),
                        list(ANN, BOB, EVE)),
                Case.ordered("last row per city in input order", byCity(Keep.LAST), List.of(PEOPLE), list(BOB, ANN, FAY)),
                Case.ordered("first row per city by age, kept in input order", byCity(Keep.FIRST, "age"), List.of(PEOPLE),
                        list(BOB, CID, FAY)),
                Case.ordered("last row per city by age; a tie goes to the later row", byCity(Keep.LAST, "age"),
                        List.of(PEOPLE), list(BOB, ANN, EVE)),
                Case.unordered("none keeps the rows that occur once", new UniqueSettings(null, Keep.NONE, null),
                        List.of(PEOPLE), list(BOB, CID, EVE, FAY)),
                Case.unordered("none keeps the keys that occur once", byCity(Keep.NONE), List.of(PEOPLE), list(BOB)));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("unknown column names the existing ones", "{\"columns\": [\"city\", \"height\"]}",
                        List.of(PEOPLE), "columns[1]", "name, city, age"),
                new BadSettings("unknown order column names the existing ones",
                        "{\"columns\": [\"city\"], \"order_by\": [\"height\"]}", List.of(PEOPLE), "order_by[0]",
                        "name, city, age"),
                new BadSettings("an order with keep any", "{\"keep\": \"any\", \"order_by\": [\"age\"]}", List.of(PEOPLE),
                        "order_by", "only applies when keep is first or last"),
                new BadSettings("unknown keep", "{\"keep\": \"random\"}", List.of(PEOPLE), "keep", "first, last, any, none"),
                new BadSettings("blank column", "{\"columns\": [\" \"]}", List.of(PEOPLE), "columns[0]", "is required"));
    }
}
