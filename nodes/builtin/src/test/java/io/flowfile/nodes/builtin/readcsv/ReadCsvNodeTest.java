package io.flowfile.nodes.builtin.readcsv;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.readcsv.ReadCsvSettings.CsvColumn;
import io.flowfile.nodes.builtin.readcsv.ReadCsvSettings.Encoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadCsvNodeTest extends NodeContractTest<ReadCsvSettings> {

    @Override
    protected NodeType<ReadCsvSettings> type() {
        return new ReadCsvNode();
    }

    @Override
    protected List<Case<ReadCsvSettings>> cases() {
        write("people.csv", """
                id,name,amount,joined
                1,ann,1.5,2024-01-31
                2,bob,,2024-02-01
                3,"cid, jr",2.0,2024-02-29
                """);
        write("export.txt", """
                exported by tool
                version 3
                'a;b';10
                c;20
                """);
        write("prices.csv", """
                id,amount
                1,1.5
                2,20
                """);
        write("ragged.csv", """
                id,name
                1,ann
                2,bob,extra
                3,cid
                """);
        write("amounts.csv", """
                id,amount
                1,1.5
                2,x
                3,3
                """);
        write("latin.csv", "name;n\ncaf\u00e9;1\n\u00e9t\u00e9;2\n", StandardCharsets.ISO_8859_1);
        return List.of(
                Case.ordered("defaults infer names and types; quoted fields keep the delimiter",
                        settings("people.csv"),
                        List.of(),
                        List.of(row("1", "ann", "1.5", "2024-01-31"), row("2", "bob", null, "2024-02-01"),
                                row("3", "cid, jr", "2.0", "2024-02-29"))),
                Case.ordered("types inferred from a sample of the rows",
                        new ReadCsvSettings("people.csv", null, null, null, null, null, null, 2, null),
                        List.of(),
                        List.of(row("1", "ann", "1.5", "2024-01-31"), row("2", "bob", null, "2024-02-01"),
                                row("3", "cid, jr", "2.0", "2024-02-29"))),
                Case.ordered("other delimiter and quote, no header, skipped lines",
                        new ReadCsvSettings("export.txt", ";", false, "'", null, 2, null, null, null),
                        List.of(),
                        List.of(row("a;b", "10"), row("c", "20"))),
                Case.ordered("explicit column names and types",
                        new ReadCsvSettings("prices.csv", null, null, null, null, null,
                                List.of(new CsvColumn("product", "INTEGER"), new CsvColumn("price", "DECIMAL(10,2)")), null, null),
                        List.of(),
                        List.of(row("1", "1.50"), row("2", "20.00"))),
                Case.ordered("latin-1 encoding",
                        new ReadCsvSettings("latin.csv", ";", null, null, Encoding.LATIN1, null, null, null, null),
                        List.of(),
                        List.of(row("caf\u00e9", "1"), row("\u00e9t\u00e9", "2"))),
                Case.ordered("ignore_errors skips a row with too many fields",
                        new ReadCsvSettings("ragged.csv", null, null, null, null, null, null, null, true),
                        List.of(),
                        List.of(row("1", "ann"), row("3", "cid"))),
                Case.ordered("ignore_errors skips a row whose value does not convert",
                        new ReadCsvSettings("amounts.csv", null, null, null, null, null,
                                List.of(new CsvColumn("id", "BIGINT"), new CsvColumn("amount", "DOUBLE")), null, true),
                        List.of(),
                        List.of(row("1", "1.5"), row("3", "3.0"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        write("people.csv", "id,name\n1,ann\n");
        return List.of(
                new BadSettings("a missing file is named with its resolved path", "{\"path\": \"missing.csv\"}", List.of(),
                        "path", workDir.resolve("missing.csv").toString()),
                new BadSettings("no path", "{}", List.of(), "path", "is required"),
                new BadSettings("a delimiter of two characters", "{\"path\": \"people.csv\", \"delimiter\": \";;\"}", List.of(),
                        "delimiter", "one character"),
                new BadSettings("an unsupported encoding", "{\"path\": \"people.csv\", \"encoding\": \"ascii\"}", List.of(),
                        "encoding", "utf8, utf16, latin1"),
                new BadSettings("negative skip_rows", "{\"path\": \"people.csv\", \"skip_rows\": -1}", List.of(),
                        "skip_rows", "between 0 and"),
                new BadSettings("a type that is not a type name",
                        "{\"path\": \"people.csv\", \"columns\": [{\"name\": \"id\", \"type\": \"INTEGER); DROP TABLE x; --\"}]}",
                        List.of(), "columns[0].type", "is not a DuckDB type name"),
                new BadSettings("a sample of no rows", "{\"path\": \"people.csv\", \"sample_rows\": 0}", List.of(),
                        "sample_rows", "between 1 and"),
                new BadSettings("a sample with given columns",
                        "{\"path\": \"people.csv\", \"sample_rows\": 10, \"columns\": [{\"name\": \"id\", \"type\": \"BIGINT\"}]}",
                        List.of(), "sample_rows", "only used when the types are inferred"),
                new BadSettings("ignore_errors with a sample could skip valid rows",
                        "{\"path\": \"people.csv\", \"sample_rows\": 10, \"ignore_errors\": true}", List.of(),
                        "ignore_errors", "would skip valid rows"),
                new BadSettings("a column declared twice",
                        "{\"path\": \"people.csv\", \"columns\": [{\"name\": \"id\", \"type\": \"BIGINT\"}, {\"name\": \"ID\", \"type\": \"BIGINT\"}]}",
                        List.of(), "columns[1].name", "already declared at columns[0]"));
    }

    @Test
    void aQuotedEmptyFieldIsAnEmptyTextAndAnEmptyFieldIsNull() {
        write("texts.csv", "id,name\n1,\"\"\n2,\n3,x\n");

        NodeHarness.Result result = harness.run(type(), "{\"path\": \"texts.csv\"}");

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).containsExactly(row("1", ""), row("2", null), row("3", "x"));
    }

    @Test
    void aValueThatDoesNotConvertFailsTheRunNamingTheFileAndTheLine() {
        write("bad.csv", "id,amount\n1,1.5\n2,x\n3,3\n");
        var settings = new ReadCsvSettings("bad.csv", null, null, null, null, null,
                List.of(new CsvColumn("id", "BIGINT"), new CsvColumn("amount", "DOUBLE")), null, null);

        NodeHarness.Result result = harness.run(type(), settings);

        assertThat(result.problems()).isEmpty();
        assertThat(result.error()).isNotNull();
        assertThat(result.error().nodeId()).isEqualTo(NodeHarness.NODE_ID);
        assertThat(result.error().message()).contains(workDir.resolve("bad.csv").toString()).contains("Line: 3");
    }

    @Test
    void aRowWithTooManyFieldsLateInTheFileIsAProblemNamingTheLine() {
        write("long.csv", longFileWithARaggedRow());

        var problems = harness.validate(type(), "{\"path\": \"long.csv\"}");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(NodeErrorCode.BAD_DATA);
            assertThat(problem.path()).isEqualTo("settings.path");
            assertThat(problem.message()).startsWith("cannot read long.csv: line 25002 has 3 fields where the header has 2");
        });
    }

    @Test
    void aRowWithTooManyFieldsPastASampleFailsTheRunNamingTheFileAndTheLine() {
        write("long.csv", longFileWithARaggedRow());

        NodeHarness.Result result = harness.run(type(), "{\"path\": \"long.csv\", \"sample_rows\": 1000}");

        assertThat(result.problems()).isEmpty();
        assertThat(result.error()).isNotNull();
        assertThat(result.error().message()).contains(workDir.resolve("long.csv").toString()).contains("Line: 25002");
    }

    @Test
    void textPastASampleFailsTheRunNamingTheLine() {
        write("sampled.csv", numbered(30_000) + "30001,unknown\n");

        NodeHarness.Result result = harness.run(type(), "{\"path\": \"sampled.csv\", \"sample_rows\": 1000}");

        assertThat(result.problems()).isEmpty();
        assertThat(result.error()).isNotNull();
        assertThat(result.error().message()).contains("Line: 30002").contains("unknown");
    }

    private static String longFileWithARaggedRow() {
        var content = new StringBuilder("id,name\n");
        for (int i = 1; i <= 25_000; i++) {
            content.append(i).append(",name ").append(i).append('\n');
        }
        return content.append("25001,late,extra\n").toString();
    }

    @Test
    void aRowWithTooManyFieldsInsideTheInferenceSampleIsAProblemNamingTheLine() {
        write("early.csv", "id,name,note\n1,a,\"quoted, with comma\"\n2,b,\"two\nlines\"\n3,c,x,extra,more\n4,d,y\n");

        var problems = harness.validate(type(), "{\"path\": \"early.csv\"}");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(NodeErrorCode.BAD_DATA);
            assertThat(problem.path()).isEqualTo("settings.path");
            // Line 5: the quoted field of record 3 spans lines 3 and 4.
            assertThat(problem.message()).startsWith("cannot read early.csv: line 5 has 5 fields where the header has 3; "
                    + "fix the row, or set ignore_errors: true to skip such rows (DuckDB: ");
        });
    }

    @Test
    void aDecimalLateInAnIntegerColumnMakesTheColumnDecimalByDefault() {
        write("late-decimal.csv", numbered(30_000) + "30001,2.5\n30002,7\n");

        NodeHarness.Result result = harness.run(type(), settings("late-decimal.csv"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.error()).isNull();
        assertThat(result.actual().find("amount").orElseThrow().type()).isEqualTo("DOUBLE");
        assertThat(result.rows().subList(30_000, 30_002)).containsExactly(row("30001", "2.5"), row("30002", "7.0"));
    }

    @Test
    void textLateInANumberColumnMakesTheColumnTextByDefault() {
        write("late-text.csv", numbered(30_000) + "30001,unknown\n30002,7\n");

        NodeHarness.Result result = harness.run(type(), settings("late-text.csv"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.error()).isNull();
        assertThat(result.actual().find("amount").orElseThrow().type()).isEqualTo("VARCHAR");
        assertThat(result.rows()).hasSize(30_002);
        assertThat(result.rows().get(30_000)).isEqualTo(row("30001", "unknown"));
    }

    @Test
    void ignoreErrorsNeverDropsAValidRowWhoseValueComesLate() {
        write("late-ignore.csv", numbered(30_000) + "30001,unknown\n30002,7\n");

        NodeHarness.Result result = harness.run(type(), "{\"path\": \"late-ignore.csv\", \"ignore_errors\": true}");

        assertThat(result.problems()).isEmpty();
        assertThat(result.error()).isNull();
        assertThat(result.rows()).hasSize(30_002).contains(row("30001", "unknown"));
    }

    @Test
    void aFileWithNewColumnsIsBoundAgainNotServedFromTheBindCache() {
        write("growing.csv", "id\n1\n");
        assertThat(harness.run(type(), settings("growing.csv")).predicted().names()).containsExactly("id");

        write("growing.csv", "id,name\n1,a\n");

        NodeHarness.Result result = harness.run(type(), settings("growing.csv"));
        assertThat(result.predicted().names()).containsExactly("id", "name");
        assertThat(result.rows()).containsExactly(row("1", "a"));
    }

    @Test
    void aChangedFileIsReadAgain() {
        write("changing.csv", "id\n1\n");
        assertThat(harness.run(type(), settings("changing.csv")).rows()).containsExactly(row("1"));

        write("changing.csv", "id\n1\n22\n");

        assertThat(harness.run(type(), settings("changing.csv")).rows()).containsExactly(row("1"), row("22"));
    }

    @Test
    void aMissingFileIsAProblemWithItsCode() {
        var problems = harness.validate(type(), "{\"path\": \"nowhere/missing.csv\"}");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(NodeErrorCode.FILE_NOT_FOUND);
            assertThat(problem.path()).isEqualTo("settings.path");
            assertThat(problem.message()).contains(workDir.resolve("nowhere/missing.csv").toString());
        });
    }

    /** {@code id,amount} and rows 1..n whose amount is the id. */
    private static String numbered(int rows) {
        var content = new StringBuilder("id,amount\n");
        for (int i = 1; i <= rows; i++) {
            content.append(i).append(',').append(i).append('\n');
        }
        return content.toString();
    }

    private static ReadCsvSettings settings(String path) {
        return new ReadCsvSettings(path, null, null, null, null, null, null, null, null);
    }

    private void write(String name, String content) {
        write(name, content, StandardCharsets.UTF_8);
    }

    private void write(String name, String content, Charset charset) {
        try {
            Files.writeString(workDir.resolve(name), content, charset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
