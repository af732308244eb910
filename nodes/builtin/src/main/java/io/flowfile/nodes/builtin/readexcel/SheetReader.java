package io.flowfile.nodes.builtin.readexcel;

import static java.util.Objects.requireNonNull;

import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.CellAddress;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Streams the rows of one area of one sheet with fastexcel: the header row, then every data row
 * below it that has a value. Rows above the header row are skipped.
 */
final class SheetReader {

    /**
     * A row of the area.
     *
     * @param number      the row number, 1-based
     * @param firstColumn the index of the area's first column (A is 0)
     * @param values      one value per column of the area (see {@link ExcelValues#of}), from its
     *                    first column to its last column or the row's last cell
     * @param date1904    whether the workbook counts dates from 1904, for numbers read as dates
     */
    record SheetRow(int number, int firstColumn, List<Object> values, boolean date1904) {

        /** The value of the area's {@code index}-th column, null beyond the row's last cell. */
        Object value(int index) {
            return index < values.size() ? values.get(index) : null;
        }

        /** The reference of the area's {@code index}-th column in this row, such as {@code C7}. */
        String reference(int index) {
            return CellAddress.convertNumToColString(firstColumn + index) + number;
        }
    }

    interface Visitor {
        /** The sheet's name, before any row. */
        void sheet(String name) throws Exception;

        /** The header row, when there is one and it exists. */
        void header(SheetRow row) throws Exception;

        void data(SheetRow row) throws Exception;
    }

    private final Path file;
    private final String sheet;
    private final SheetArea area;
    private final int headerRow;

    /**
     * @param sheet     the sheet's name, or null for the first sheet
     * @param headerRow the header's row within the area, 1-based, or 0 for none
     */
    SheetReader(Path file, String sheet, SheetArea area, int headerRow) {
        this.file = requireNonNull(file, "file is null");
        this.sheet = sheet;
        this.area = requireNonNull(area, "area is null");
        this.headerRow = headerRow;
    }

    /**
     * Reads the area.
     *
     * @throws NodeException {@link NodeErrorCode#INVALID_SETTING} when the sheet does not exist,
     *                       {@link NodeErrorCode#READ_FAILED} when the file is not a workbook
     */
    void read(Visitor visitor) throws Exception {
        refuseDoctypes(file);
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false))) {
            Sheet found = find(workbook);
            visitor.sheet(found.getName());
            int headerNumber = headerRow == 0 ? 0 : area.firstRow() + headerRow - 1;
            try (Stream<Row> rows = found.openStream()) {
                Iterator<Row> iterator = rows.iterator();
                while (iterator.hasNext()) {
                    Row row = iterator.next();
                    int number = row.getRowNum();
                    if (number > area.lastRow()) {
                        break;
                    }
                    if (!area.containsRow(number) || number < headerNumber) {
                        continue;
                    }
                    var sheetRow = new SheetRow(number, area.firstColumn(), values(row, workbook.isDate1904()), workbook.isDate1904());
                    if (number == headerNumber) {
                        visitor.header(sheetRow);
                    } else if (sheetRow.values().stream().anyMatch(Objects::nonNull)) {
                        visitor.data(sheetRow);
                    }
                }
            }
        } catch (IOException | UncheckedIOException | ExcelReaderException e) {
            throw new NodeException(NodeErrorCode.READ_FAILED, "cannot read " + file + " as an .xlsx workbook: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a workbook whose XML parts declare a DOCTYPE before anything parses them: their
     * entities could name other files (external entities) or expand without bound (entity bombs),
     * and no spreadsheet program writes one. The parser refuses them too, without saying why.
     */
    static void refuseDoctypes(Path file) {
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                var entry = entries.nextElement();
                if (!entry.getName().endsWith(".xml") && !entry.getName().endsWith(".rels")) {
                    continue;
                }
                try (var in = zip.getInputStream(entry)) {
                    String head = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
                    if (head.contains("<!DOCTYPE")) {
                        throw new NodeException(NodeErrorCode.READ_FAILED, "cannot read " + file.getFileName() + ": its part "
                                + entry.getName() + " declares a DOCTYPE; workbooks with a DOCTYPE are refused, since its "
                                + "entities could read other files or expand without bound");
                    }
                }
            }
        } catch (IOException e) {
            throw new NodeException(NodeErrorCode.READ_FAILED, "cannot read " + file.getFileName() + " as an .xlsx workbook: "
                    + "it is not a zip archive (" + e.getMessage() + ")", e);
        }
    }

    private Sheet find(ReadableWorkbook workbook) {
        if (sheet == null) {
            return workbook.getFirstSheet();
        }
        return workbook.findSheet(sheet).orElseThrow(() -> new NodeException(NodeErrorCode.INVALID_SETTING,
                "sheet '" + sheet + "' does not exist in " + file + "; its sheets are: "
                        + workbook.getSheets().map(Sheet::getName).collect(Collectors.joining(", "))));
    }

    /** The values of the area's cells in {@code row}, up to its last column or the row's last cell. */
    private List<Object> values(Row row, boolean date1904) {
        int end = area.bounded() ? area.lastColumn() + 1 : row.getCellCount();
        var values = new ArrayList<Object>(Math.max(0, end - area.firstColumn()));
        for (int column = area.firstColumn(); column < end; column++) {
            values.add(column < row.getCellCount() ? ExcelValues.of(row.getCell(column), date1904) : null);
        }
        return Collections.unmodifiableList(values);
    }
}
