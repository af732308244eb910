package io.flowfile.nodes.builtin.readcsv;

import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Sql;
import io.flowfile.node.TextEncoding;
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
        if (!context.hasProblems() && settings.columns().isEmpty() && isEmpty(file)) {
            context.problem("path", NodeErrorCode.BAD_DATA, file.getFileName() + " is empty: it has no header and no rows to "
                    + "infer the columns from; give the columns to read it as an empty table");
        }
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

    /**
     * DuckDB names the file but not the fault: name the encoding that is not the one set, the row
     * with the wrong number of fields, or the quote never closed.
     */
    private static String cannotRead(Path file, ReadCsvSettings settings, NodeException cause) {
        String duckDb = cause.getMessage().lines().findFirst().orElse("").strip();
        try {
            if (settings.encoding() == ReadCsvSettings.Encoding.UTF8) {
                byte[] head = readHead(file, 16 << 20);
                String problem = TextEncoding.problem(head, head.length);
                if (problem != null) {
                    return file.getFileName() + " " + problem + "; set encoding to utf16 or latin1, or save the file as UTF-8";
                }
            }
            var fault = CsvRowCheck.firstFault(file, settings);
            if (fault.isPresent()) {
                return "cannot read " + file.getFileName() + ": " + fault.get().message() + " (DuckDB: " + duckDb + ")";
            }
        } catch (java.io.IOException e) {
            // fall through to DuckDB's own message
        }
        return "cannot read " + file.getFileName() + ": " + duckDb;
    }

    /** The first {@code limit} bytes of {@code file}. */
    static byte[] readHead(Path file, int limit) throws java.io.IOException {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            return in.readNBytes(limit);
        }
    }

    /** An empty file (or one holding only a byte-order mark) has no header to infer the columns from. */
    private static boolean isEmpty(Path file) {
        try {
            byte[] head = readHead(file, 4);
            return head.length == 0 || head.length == 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb
                    && (head[2] & 0xff) == 0xbf;
        } catch (java.io.IOException e) {
            return false;
        }
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
