package io.flowfile.nodes.builtin.readcsv;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.FilePath;
import io.flowfile.node.SettingsCheck;
import io.flowfile.node.Sql;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * @param path         the CSV file, relative to the flow's directory or absolute
 * @param delimiter    the character between fields (default {@code ,})
 * @param header       whether the first line (after {@code skipRows}) names the columns (default true)
 * @param quote        the character around fields that contain the delimiter (default {@code "})
 * @param encoding     the file's character encoding (default UTF-8)
 * @param skipRows     lines to skip at the top of the file, before the header (default 0)
 * @param columns      the columns and their types; when given DuckDB infers nothing; by default it
 *                     infers names and types from the file
 * @param sampleRows   rows read to infer the types; default null: every row of the file, so a wider
 *                     value late in the file (a decimal among integers, text among numbers) widens
 *                     the column instead of failing the run or being rounded
 * @param ignoreErrors skip rows that are malformed or do not convert to the given {@code columns}
 *                     (default false: such a row fails the run); never a row whose values fit the
 *                     inferred types, which is why it needs the whole file inferred
 */
public record ReadCsvSettings(
        @JsonPropertyDescription("The CSV file, relative to the flow's directory or absolute.") @FilePath String path,
        @JsonPropertyDescription("The character between fields; default a comma.") String delimiter,
        @JsonPropertyDescription("Whether the first line (after skip_rows) holds the column names; default true.") Boolean header,
        @JsonPropertyDescription("The character that quotes fields containing the delimiter; default a double quote.") String quote,
        @JsonPropertyDescription("The file's character encoding: utf8 (default), utf16 or latin1.") Encoding encoding,
        @JsonProperty("skip_rows")
        @JsonPropertyDescription("Lines to skip at the top of the file, before the header; default 0.") Integer skipRows,
        @JsonPropertyDescription("The columns and their types, in file order. When given, nothing is inferred; "
                + "by default names and types are inferred from the whole file.") List<CsvColumn> columns,
        @JsonProperty("sample_rows")
        @JsonPropertyDescription("Rows read to infer the column types; by default every row of the file, so a wider value "
                + "late in the file (a decimal among integers, text among numbers) widens its column. With a sample, a later "
                + "value must fit the type the sample gave: text fails the run naming the line, and DuckDB rounds a decimal "
                + "read into an integer column. Only used when columns is empty.") Integer sampleRows,
        @JsonProperty("ignore_errors")
        @JsonPropertyDescription("Skip rows with the wrong number of fields, or whose values do not convert to the given "
                + "columns; by default such a row fails the run. A row whose values fit the types inferred from the whole "
                + "file is never skipped.")
        Boolean ignoreErrors) {

    public ReadCsvSettings {
        delimiter = delimiter == null ? "," : delimiter;
        header = header == null || header;
        quote = quote == null ? "\"" : quote;
        encoding = encoding == null ? Encoding.UTF8 : encoding;
        skipRows = skipRows == null ? 0 : skipRows;
        columns = columns == null ? List.of() : List.copyOf(columns);
        ignoreErrors = ignoreErrors != null && ignoreErrors;
        var check = new SettingsCheck()
                .notBlank("path", path)
                .require(delimiter.length() == 1, "delimiter", "must be one character, got '" + delimiter + "'")
                .require(quote.length() == 1, "quote", "must be one character, got '" + quote + "'")
                .require(!quote.equals(delimiter), "quote", "must differ from the delimiter")
                .range("skip_rows", skipRows, 0, Integer.MAX_VALUE)
                .range("sample_rows", sampleRows, 1, Integer.MAX_VALUE)
                .require(sampleRows == null || columns.isEmpty(), "sample_rows",
                        "is only used when the types are inferred; remove it or the columns")
                .require(!ignoreErrors || sampleRows == null || !columns.isEmpty(), "ignore_errors",
                        "would skip valid rows whose values the sample did not see; infer from the whole file "
                                + "(remove sample_rows) or give the columns");
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < columns.size(); i++) {
            CsvColumn column = columns.get(i);
            Integer earlier = seen.putIfAbsent(column.name().toLowerCase(Locale.ROOT), i);
            check.require(earlier == null, "columns[" + i + "].name",
                    "column \"" + column.name() + "\" is already declared at columns[" + earlier + "]");
        }
        check.done();
    }

    /** The encodings DuckDB's CSV reader supports without extensions. */
    public enum Encoding {
        UTF8("utf-8"),
        UTF16("utf-16"),
        LATIN1("latin-1");

        private final String duckDbName;

        Encoding(String duckDbName) {
            this.duckDbName = duckDbName;
        }

        String duckDbName() {
            return duckDbName;
        }
    }

    /**
     * @param name the column's name
     * @param type its DuckDB type, e.g. BIGINT, DOUBLE, VARCHAR, DATE, DECIMAL(18,3)
     */
    public record CsvColumn(
            @JsonPropertyDescription("The column's name.") String name,
            @JsonPropertyDescription("Its DuckDB type, e.g. BIGINT, DOUBLE, VARCHAR, DATE, TIMESTAMP, DECIMAL(18,3).") String type) {

        public CsvColumn {
            type = type == null ? null : type.strip();
            new SettingsCheck()
                    .notBlank("name", name)
                    .require(Sql.isTypeName(type), "type",
                            "'" + type + "' is not a DuckDB type name such as BIGINT, DOUBLE, VARCHAR, DATE or DECIMAL(18,3)")
                    .done();
        }
    }
}
