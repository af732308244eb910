package io.flowfile.nodes.builtin.readexcel;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.node.Column;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeType;
import io.flowfile.node.Schema;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.readexcel.ReadExcelSettings.ColumnType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

class ReadExcelNodeTest extends NodeContractTest<ReadExcelSettings> {

    @Override
    protected NodeType<ReadExcelSettings> type() {
        return new ReadExcelNode();
    }

    @Override
    protected List<Case<ReadExcelSettings>> cases() {
        writeWorkbook("sales.xlsx");
        return List.of(
                Case.ordered("first sheet, header in row 1, types inferred from every row",
                        new ReadExcelSettings("sales.xlsx", null, null, null, null), List.of(),
                        List.of(row("1", "pen", "1.5", "2024-01-31", "true", "2024-01-31 10:00:00", "a"),
                                row("2", "ink", "3.0", "2024-02-01", "false", "2024-02-01 12:30:15", "7"),
                                row("3", "pad", "2.25", null, "true", null, null))),
                Case.ordered("a range without header",
                        new ReadExcelSettings("sales.xlsx", "Raw", 0, "B2:C4", null), List.of(),
                        List.of(row("x", "10"), row("y", "20"), row("z", null))),
                Case.ordered("a range whose first row is the header",
                        new ReadExcelSettings("sales.xlsx", "Raw", 1, "b2:c4", null), List.of(),
                        List.of(row("y", "20"), row("z", null))),
                Case.ordered("the header in a lower row; rows above it are skipped",
                        new ReadExcelSettings("sales.xlsx", "Raw", 2, null, null), List.of(),
                        List.of(row(null, "y", "20", null), row(null, "z", null, null))),
                Case.ordered("explicit types replace the inferred ones",
                        new ReadExcelSettings("sales.xlsx", "Sales", null, null, List.of(new ColumnType("id", ExcelType.DOUBLE),
                                new ColumnType("SOLD_ON", ExcelType.TIMESTAMP), new ColumnType("paid", ExcelType.VARCHAR))),
                        List.of(),
                        List.of(row("1.0", "pen", "1.5", "2024-01-31 00:00:00", "true", "2024-01-31 10:00:00", "a"),
                                row("2.0", "ink", "3.0", "2024-02-01 00:00:00", "false", "2024-02-01 12:30:15", "7"),
                                row("3.0", "pad", "2.25", null, "true", null, null))),
                Case.ordered("duplicate and blank header cells get unique names",
                        new ReadExcelSettings("sales.xlsx", "Dupes", null, null, null), List.of(),
                        List.of(row("1", "2", "3", "4"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        writeWorkbook("sales.xlsx");
        return List.of(
                new BadSettings("a typed column that does not exist names the columns",
                        "{\"path\": \"sales.xlsx\", \"column_types\": [{\"column\": \"weight\", \"type\": \"double\"}]}", List.of(),
                        "column_types[0].column", "id, product, price, sold_on, paid, sold_at, note"),
                new BadSettings("a sheet that does not exist names the sheets", "{\"path\": \"sales.xlsx\", \"sheet\": \"Nope\"}",
                        List.of(), "sheet", "Sales, Raw, Dupes"),
                new BadSettings("a missing file is named with its resolved path", "{\"path\": \"missing.xlsx\"}", List.of(),
                        "path", workDir.resolve("missing.xlsx").toString()),
                new BadSettings("a range that is not A1 style", "{\"path\": \"sales.xlsx\", \"range\": \"2B:C\"}", List.of(),
                        "range", "is not a range such as B2:D100"),
                new BadSettings("a range that ends before it starts", "{\"path\": \"sales.xlsx\", \"range\": \"D9:B2\"}", List.of(),
                        "range", "ends before it starts"),
                new BadSettings("a negative header row", "{\"path\": \"sales.xlsx\", \"header_row\": -1}", List.of(),
                        "header_row", "between 0 and"),
                new BadSettings("an unknown type", "{\"path\": \"sales.xlsx\", \"column_types\": [{\"column\": \"id\", \"type\": \"int8\"}]}",
                        List.of(), "column_types[0].type", "bigint, double, boolean, date, timestamp, varchar"),
                new BadSettings("a file that is not a workbook", "{\"path\": \"notes.xlsx\"}", List.of(), "path", "as an .xlsx workbook"));
    }

    @Test
    void aCellThatDoesNotConvertFailsTheRunNamingFileSheetCellAndValue() {
        writeWorkbook("sales.xlsx");
        var settings = new ReadExcelSettings("sales.xlsx", null, null, null, List.of(new ColumnType("product", ExcelType.BIGINT)));

        NodeHarness.Result result = harness.run(type(), settings);

        assertThat(result.problems()).isEmpty();
        assertThat(result.error()).isNotNull();
        assertThat(result.error().code()).isEqualTo(NodeErrorCode.BAD_DATA);
        assertThat(result.error().message()).contains(workDir.resolve("sales.xlsx").toString(), "sheet 'Sales'", "cell B2", "'pen'", "BIGINT");
    }

    @Test
    void columnNamesComeFromTheHeaderMadeUnique() {
        writeWorkbook("sales.xlsx");

        NodeHarness.Result result = harness.run(type(), new ReadExcelSettings("sales.xlsx", "Dupes", null, null, null));

        assertThat(result.actual()).isEqualTo(Schema.of(new Column("a", "BIGINT"), new Column("A_1", "BIGINT"),
                new Column("column_3", "BIGINT"), new Column("b", "BIGINT")));
    }

    @Test
    void theInferredLayoutIsReadOnceWhileTheFileIsUnchanged() throws Exception {
        Path file = writeWorkbook("cached.xlsx");
        var settings = new ReadExcelSettings("cached.xlsx", null, null, null, null);

        SheetLayout first = SheetLayout.of(file, settings);

        assertThat(SheetLayout.of(file, settings)).isSameAs(first);
        try (OutputStream out = Files.newOutputStream(file); Workbook workbook = new Workbook(out, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("Other");
            sheet.value(0, 0, "only");
            sheet.value(1, 0, 1);
        }
        assertThat(SheetLayout.of(file, settings).names()).containsExactly("only");
    }

    /**
     * Writes a workbook with three sheets: Sales (a header and typed columns, with an empty row),
     * Raw (a title, then a block at B2:C4 and a cell outside it at D2) and Dupes (repeated and blank
     * header cells). Also writes notes.xlsx, which is not a workbook.
     */
    private Path writeWorkbook(String name) {
        Path file = workDir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); Workbook workbook = new Workbook(out, "test", "1.0")) {
            writeSales(workbook.newWorksheet("Sales"));
            Worksheet raw = workbook.newWorksheet("Raw");
            raw.value(0, 0, "title row");
            raw.value(1, 1, "x");
            raw.value(1, 2, 10);
            raw.value(1, 3, "outside");
            raw.value(2, 1, "y");
            raw.value(2, 2, 20);
            raw.value(3, 1, "z");
            Worksheet dupes = workbook.newWorksheet("Dupes");
            dupes.value(0, 0, "a");
            dupes.value(0, 1, "A");
            dupes.value(0, 3, "b");
            for (int column = 0; column < 4; column++) {
                dupes.value(1, column, column + 1);
            }
            Files.writeString(workDir.resolve("notes.xlsx"), "just text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void writeSales(Worksheet sheet) {
        List<String> header = List.of("id", "product", "price", "sold_on", "paid", "sold_at", "note");
        for (int column = 0; column < header.size(); column++) {
            sheet.value(0, column, header.get(column));
        }
        sheet.value(1, 0, 1);
        sheet.value(1, 1, "pen");
        sheet.value(1, 2, 1.5);
        date(sheet, 1, 3, LocalDate.of(2024, 1, 31));
        sheet.value(1, 4, true);
        timestamp(sheet, 1, 5, LocalDateTime.of(2024, 1, 31, 10, 0));
        sheet.value(1, 6, "a");
        sheet.value(2, 0, 2);
        sheet.value(2, 1, "ink");
        sheet.value(2, 2, 3);
        date(sheet, 2, 3, LocalDate.of(2024, 2, 1));
        sheet.value(2, 4, false);
        timestamp(sheet, 2, 5, LocalDateTime.of(2024, 2, 1, 12, 30, 15));
        sheet.value(2, 6, 7);
        sheet.value(4, 0, 3);
        sheet.value(4, 1, "pad");
        sheet.value(4, 2, 2.25);
        sheet.value(4, 4, true);
    }

    private static void date(Worksheet sheet, int row, int column, LocalDate value) {
        sheet.value(row, column, value);
        sheet.style(row, column).format("yyyy-mm-dd").set();
    }

    private static void timestamp(Worksheet sheet, int row, int column, LocalDateTime value) {
        sheet.value(row, column, value);
        sheet.style(row, column).format("yyyy-mm-dd hh:mm:ss").set();
    }
}
