package io.flowfile.nodes.builtin.texttorows;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;

import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.NodeContractTest;
import java.util.List;

class TextToRowsNodeTest extends NodeContractTest<TextToRowsSettings> {

    private static final In TAGS = in("main", table("id INTEGER, tags VARCHAR",
            "(1, 'a,b,c')", "(2, '')", "(3, NULL)", "(4, 'd')"));

    private static final In SENTENCES = in("main", table("line VARCHAR", "('x; y;z')", "('; ')"));

    @Override
    protected NodeType<TextToRowsSettings> type() {
        return new TextToRowsNode();
    }

    @Override
    protected List<Case<TextToRowsSettings>> cases() {
        return List.of(
                Case.unordered("split in place at commas; empty text gives one empty part, null one null",
                        new TextToRowsSettings("tags", null, null), List.of(TAGS),
                        List.of(row("1", "a"), row("1", "b"), row("1", "c"), row("2", ""), row("3", null), row("4", "d"))),
                Case.unordered("parts in a new column at the end",
                        new TextToRowsSettings("tags", ",", "tag"), List.of(TAGS),
                        List.of(row("1", "a,b,c", "a"), row("1", "a,b,c", "b"), row("1", "a,b,c", "c"), row("2", "", ""),
                                row("3", null, null), row("4", "d", "d"))),
                Case.unordered("parts into another existing column, in place",
                        new TextToRowsSettings("tags", null, "ID"), List.of(TAGS),
                        List.of(row("a", "a,b,c"), row("b", "a,b,c"), row("c", "a,b,c"), row("", ""), row(null, null),
                                row("d", "d"))),
                Case.unordered("a delimiter of several characters",
                        new TextToRowsSettings("line", "; ", null), List.of(SENTENCES),
                        List.of(row("x"), row("y;z"), row(""), row(""))),
                Case.unordered("a number column is split as text",
                        new TextToRowsSettings("id", "1", null), List.of(TAGS),
                        List.of(row("", "a,b,c"), row("", "a,b,c"), row("2", ""), row("3", null), row("4", "d"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("unknown column names the existing ones", "{\"column\": \"labels\"}", List.of(TAGS), "column",
                        "id, tags"),
                new BadSettings("empty delimiter", "{\"column\": \"tags\", \"delimiter\": \"\"}", List.of(TAGS), "delimiter",
                        "must not be empty"),
                new BadSettings("no column", "{\"delimiter\": \";\"}", List.of(TAGS), "column", "is required"),
                new BadSettings("blank output column", "{\"column\": \"tags\", \"output_column\": \" \"}", List.of(TAGS),
                        "output_column", "must not be blank"));
    }
}
