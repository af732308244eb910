package io.flowfile.nodes.builtin.formula;

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

class FormulaNodeTest extends NodeContractTest<FormulaSettings> {

    private static final In ITEMS = in("main", table("item VARCHAR, price DOUBLE, quantity INTEGER",
            "('pen', 1.5, 4)", "('ink', 2.25, NULL)", "('pad', 3.0, 2)"));

    @Override
    protected NodeType<FormulaSettings> type() {
        return new FormulaNode();
    }

    @Override
    protected List<Case<FormulaSettings>> cases() {
        return List.of(
                Case.unordered("a new column goes at the end",
                        new FormulaSettings("total", "price * quantity", null), List.of(ITEMS),
                        List.of(row("pen", "1.5", "4", "6.0"), row("ink", "2.25", null, null), row("pad", "3.0", "2", "6.0"))),
                Case.unordered("an existing column is replaced in place",
                        new FormulaSettings("item", "upper(item)", null), List.of(ITEMS),
                        List.of(row("PEN", "1.5", "4"), row("INK", "2.25", null), row("PAD", "3.0", "2"))),
                Case.unordered("an existing column is found whatever its case",
                        new FormulaSettings("PRICE", "price * 2", null), List.of(ITEMS),
                        List.of(row("pen", "3.0", "4"), row("ink", "4.5", null), row("pad", "6.0", "2"))),
                Case.unordered("the result is cast to the type",
                        new FormulaSettings("units", "coalesce(quantity, 0) * 1.5", "INTEGER"), List.of(ITEMS),
                        List.of(row("pen", "1.5", "4", "6"), row("ink", "2.25", null, "0"), row("pad", "3.0", "2", "3"))),
                Case.unordered("an expression ending in a comment",
                        new FormulaSettings("label", "item || '!' -- shout", null), List.of(ITEMS),
                        List.of(row("pen", "1.5", "4", "pen!"), row("ink", "2.25", null, "ink!"), row("pad", "3.0", "2", "pad!"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("an unknown column in the expression gives DuckDB's message",
                        "{\"column\": \"x\", \"expression\": \"height * 2\"}", List.of(ITEMS), "expression", "not found"),
                new BadSettings("an unknown column in the expression lists the existing ones",
                        "{\"column\": \"x\", \"expression\": \"height * 2\"}", List.of(ITEMS), "expression",
                        "item, price, quantity"),
                new BadSettings("no expression", "{\"column\": \"x\", \"expression\": \" \"}", List.of(ITEMS), "expression",
                        "is required"),
                new BadSettings("no column", "{\"expression\": \"1\"}", List.of(ITEMS), "column", "is required"),
                new BadSettings("a type that is not a type name",
                        "{\"column\": \"x\", \"expression\": \"1\", \"type\": \"INTEGER) FROM t; --\"}", List.of(ITEMS),
                        "type", "is not a DuckDB type name"),
                new BadSettings("a type DuckDB does not know", "{\"column\": \"x\", \"expression\": \"1\", \"type\": \"INTEGR\"}",
                        List.of(ITEMS), "type", "INTEGR"));
    }

    @Test
    void theSchemaComesFromDuckDb() {
        NodeHarness.Result result = harness.run(type(), new FormulaSettings("half", "quantity / 2", null), ITEMS);

        assertThat(result.actual()).isEqualTo(new Schema(List.of(new Column("item", "VARCHAR"),
                new Column("price", "DOUBLE"), new Column("quantity", "INTEGER"), new Column("half", "DOUBLE"))));
    }
}
