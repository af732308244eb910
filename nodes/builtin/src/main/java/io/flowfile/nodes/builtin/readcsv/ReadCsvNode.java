package io.flowfile.nodes.builtin.readcsv;

import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Sql;
import io.flowfile.nodes.builtin.files.InputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a CSV file with DuckDB's {@code read_csv}. Unless the columns are given, names and types are
 * inferred from every row of the file ({@code sample_size=-1}; {@code sample_rows} limits it): a
 * sample would make a wider value late in the file fail the run, be rounded (a decimal read into an
 * integer column) or, with {@code ignore_errors}, be dropped. Validation therefore reads the whole
 * file once. A row with too many fields or a value that does not convert fails with DuckDB's
 * message, which names the file and the line, unless {@code ignore_errors} is set. An empty field
 * is NULL and a quoted empty field an empty text ({@code allow_quoted_nulls=false}; DuckDB's default
 * reads both as NULL).
 */
public final class ReadCsvNode implements NodeType<ReadCsvSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.source("read_csv", "Read CSV",
            "Reads a CSV file; column names and types are inferred from the whole file unless they are given. "
                    + "An empty field is null; a quoted empty field (\"\") is an empty text.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ReadCsvSettings> settingsType() {
        return ReadCsvSettings.class;
    }

    @Override
    public NodePlan plan(ReadCsvSettings settings, PlanContext context) {
        Path file = InputFiles.single(context, "path", settings.path());
        String sql = "SELECT * FROM read_csv(" + Sql.literal(file) + ", " + String.join(", ", options(settings)) + ")";
        if (context.hasProblems()) {
            return QueryPlan.source(sql, null, List.of(file)); // e.g. the file is missing: said already
        }
        try {
            return QueryPlan.source(sql, context.describe(sql), List.of(file));
        } catch (NodeException e) {
            context.problem("path", NodeErrorCode.BAD_DATA, cannotRead(file, settings, e));
            return QueryPlan.source(sql, null, List.of(file));
        }
    }

    /** DuckDB names the file but not the row: find the row with the wrong number of fields. */
    private static String cannotRead(Path file, ReadCsvSettings settings, NodeException cause) {
        String duckDb = cause.getMessage().lines().findFirst().orElse("").strip();
        try {
            var bad = CsvRowCheck.firstBadRow(file, settings);
            if (bad.isPresent()) {
                return "cannot read " + file.getFileName() + ": line " + bad.get().line() + " has " + bad.get().fields()
                        + " fields where the " + (settings.header() ? "header has " : "first row has ") + bad.get().expected()
                        + "; fix the row, or set ignore_errors: true to skip such rows (DuckDB: " + duckDb + ")";
            }
        } catch (java.io.IOException e) {
            // fall through to DuckDB's own message
        }
        return "cannot read " + file.getFileName() + ": " + duckDb;
    }

    private static List<String> options(ReadCsvSettings settings) {
        var options = new ArrayList<String>();
        options.add("delim=" + Sql.literal(settings.delimiter()));
        options.add("header=" + settings.header());
        options.add("quote=" + Sql.literal(settings.quote()));
        options.add("encoding=" + Sql.literal(settings.encoding().duckDbName()));
        options.add("skip=" + settings.skipRows());
        // an empty field is a null, a quoted empty field ("") an empty text, as the file says
        options.add("allow_quoted_nulls=false");
        if (!settings.columns().isEmpty()) {
            options.add("auto_detect=false");
            options.add("columns=" + columns(settings.columns()));
        } else {
            options.add("sample_size=" + (settings.sampleRows() == null ? -1 : settings.sampleRows()));
        }
        if (settings.ignoreErrors()) {
            options.add("ignore_errors=true");
        }
        return options;
    }

    /** {@code {'name': 'TYPE', ...}}: the struct DuckDB's {@code columns} option takes. */
    private static String columns(List<ReadCsvSettings.CsvColumn> columns) {
        return columns.stream()
                .map(column -> Sql.literal(column.name()) + ": " + Sql.literal(column.type()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
