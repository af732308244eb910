package io.flowfile.nodes.builtin.manualinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.node.Column;
import io.flowfile.node.NodeType;
import io.flowfile.node.Schema;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.manualinput.ManualInputSettings.ManualColumn;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManualInputNodeTest extends NodeContractTest<ManualInputSettings> {

    private static final List<ManualColumn> COLUMNS = List.of(new ManualColumn("id", "BIGINT"), new ManualColumn("name", "VARCHAR"),
            new ManualColumn("price", "DOUBLE"), new ManualColumn("active", "BOOLEAN"), new ManualColumn("day", "DATE"));

    @Override
    protected NodeType<ManualInputSettings> type() {
        return new ManualInputNode();
    }

    @Override
    protected List<Case<ManualInputSettings>> cases() {
        return List.of(
                Case.ordered("values of every JSON kind, converted to the column types",
                        new ManualInputSettings(COLUMNS, List.of(
                                Arrays.asList(1, "ann", 1.5, true, "2024-01-31"),
                                Arrays.asList(2, "it's", 2, false, null),
                                Arrays.asList(null, null, null, null, null))),
                        List.of(),
                        List.of(row("1", "ann", "1.5", "true", "2024-01-31"), row("2", "it's", "2.0", "false", null),
                                row(null, null, null, null, null))),
                Case.ordered("numbers and text into text, text into numbers",
                        new ManualInputSettings(List.of(new ManualColumn("label", "VARCHAR"), new ManualColumn("amount", "DECIMAL(10,2)")),
                                List.of(Arrays.asList(12, "3.5"), Arrays.asList(12345678901234L, "-0.25"))),
                        List.of(),
                        List.of(row("12", "3.50"), row("12345678901234", "-0.25"))),
                Case.ordered("no rows still has the columns",
                        new ManualInputSettings(COLUMNS, List.of()), List.of(), List.of()),
                Case.ordered("a column name that needs quoting",
                        new ManualInputSettings(List.of(new ManualColumn("order \"total\"", "INT")), List.of(List.of(7))),
                        List.of(), List.of(row("7"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("no columns", "{\"columns\": [], \"rows\": []}", List.of(), "columns", "at least one"),
                new BadSettings("a column declared twice",
                        "{\"columns\": [{\"name\": \"a\", \"type\": \"BIGINT\"}, {\"name\": \"A\", \"type\": \"VARCHAR\"}]}",
                        List.of(), "columns[1].name", "already declared at columns[0]"),
                new BadSettings("a row with too few values names the row",
                        "{\"columns\": [{\"name\": \"a\", \"type\": \"BIGINT\"}, {\"name\": \"b\", \"type\": \"BIGINT\"}], "
                                + "\"rows\": [[1, 2], [3]]}",
                        List.of(), "rows[1]", "row 1 has 1 values but there are 2 columns"),
                new BadSettings("a value that is not a scalar",
                        "{\"columns\": [{\"name\": \"a\", \"type\": \"VARCHAR\"}], \"rows\": [[{\"x\": 1}]]}",
                        List.of(), "rows[0][0]", "must be a string, number, true/false or null"),
                new BadSettings("a type that is not a type name",
                        "{\"columns\": [{\"name\": \"a\", \"type\": \"BIGINT) AS x FROM t; --\"}]}",
                        List.of(), "columns[0].type", "is not a DuckDB type name"),
                new BadSettings("a column without a name", "{\"columns\": [{\"type\": \"BIGINT\"}]}",
                        List.of(), "columns[0].name", "is required"));
    }

    @Test
    void typeAliasesAreReportedAsDuckDbSpellsThem() {
        var settings = new ManualInputSettings(List.of(new ManualColumn("n", "INT"), new ManualColumn("s", "TEXT")), List.of());

        NodeHarness.Result result = harness.run(type(), settings);

        assertThat(result.predicted()).isEqualTo(Schema.of(new Column("n", "INTEGER"), new Column("s", "VARCHAR")));
    }

    @Test
    void aValueThatDoesNotConvertFailsTheRun() {
        var settings = new ManualInputSettings(List.of(new ManualColumn("n", "BIGINT")), List.of(List.of("seven")));

        NodeHarness.Result result = harness.run(type(), settings);

        String message = result.error() != null ? result.error().message() : result.problems().getFirst().message();
        assertThat(message).contains("seven");
    }

    @Test
    void numbersReadFromJsonEqualNumbersGivenInCode() {
        var fromJson = harness.codec().bind(harness.codec().mapper().valueToTree(Map.of(
                "columns", List.of(Map.of("name", "n", "type", "BIGINT")),
                "rows", List.of(List.of(1), List.of(2.5)))), ManualInputSettings.class).settings();

        assertThat(fromJson).isEqualTo(new ManualInputSettings(List.of(new ManualColumn("n", "BIGINT")),
                List.of(List.of(1L), List.of(2.5))));
    }
}
