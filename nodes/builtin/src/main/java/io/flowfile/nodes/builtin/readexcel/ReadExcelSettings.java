package io.flowfile.nodes.builtin.readexcel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.FilePath;
import io.flowfile.node.SettingsCheck;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * @param path        the .xlsx file, relative to the flow's directory or absolute
 * @param sheet       the sheet's name; default the first sheet
 * @param headerRow   which row of the area names the columns, 1-based (default 1); 0 when there is
 *                    no header and the columns are named column_1, column_2, ...
 * @param range       the cells to read, e.g. {@code B2:D100}; default the whole sheet
 * @param columnTypes types for some columns instead of the inferred ones
 */
public record ReadExcelSettings(
        @JsonPropertyDescription("The .xlsx file, relative to the flow's directory or absolute.") @FilePath String path,
        @JsonPropertyDescription("The sheet's name; default the first sheet.") String sheet,
        @JsonProperty("header_row")
        @JsonPropertyDescription("Which row of the range holds the column names, counting from 1 (default 1); rows above it "
                + "are skipped. 0 means there is no header and the columns are named column_1, column_2, ...")
        Integer headerRow,
        @JsonPropertyDescription("The cells to read, e.g. B2:D100; default the whole sheet.") String range,
        @JsonProperty("column_types")
        @JsonPropertyDescription("Types for some columns instead of the ones inferred from the cells. "
                + "A cell that does not convert fails the run.")
        List<ColumnType> columnTypes) {

    public ReadExcelSettings {
        sheet = sheet == null || sheet.isEmpty() ? null : sheet;
        headerRow = headerRow == null ? 1 : headerRow;
        range = range == null || range.isBlank() ? null : range.strip().toUpperCase(Locale.ROOT);
        columnTypes = columnTypes == null ? List.of() : List.copyOf(columnTypes);
        String rangeProblem = SheetArea.problem(range);
        var check = new SettingsCheck()
                .notBlank("path", path)
                .range("header_row", headerRow, 0, Integer.MAX_VALUE)
                .require(rangeProblem == null, "range", rangeProblem);
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < columnTypes.size(); i++) {
            String column = columnTypes.get(i).column();
            Integer earlier = seen.putIfAbsent(column.toLowerCase(Locale.ROOT), i);
            check.require(earlier == null, "column_types[" + i + "].column",
                    "column \"" + column + "\" already has a type at column_types[" + earlier + "]");
        }
        check.done();
    }

    SheetArea area() {
        return SheetArea.of(range);
    }

    /**
     * @param column the column, by its name in the header (or column_N)
     * @param type   its type
     */
    public record ColumnType(
            @JsonPropertyDescription("The column, by its name in the header (or column_1, column_2, ... without header).")
            String column,
            @JsonPropertyDescription("Its type: bigint, double, boolean, date, timestamp or varchar.") ExcelType type) {

        public ColumnType {
            new SettingsCheck()
                    .notBlank("column", column)
                    .require(type != null, "type", "is required: bigint, double, boolean, date, timestamp or varchar")
                    .done();
        }
    }
}
