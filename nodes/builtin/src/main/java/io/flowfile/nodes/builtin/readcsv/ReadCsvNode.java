package io.flowfile.nodes.builtin.readcsv;

import io.flowfile.node.NodeDescriptor;
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
 * Reads a CSV file with DuckDB's {@code read_csv}. A row with too many fields or a value that does
 * not convert fails the run with DuckDB's message, which names the file and the line, unless
 * {@code ignore_errors} is set.
 */
public final class ReadCsvNode implements NodeType<ReadCsvSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.source("read_csv", "Read CSV",
            "Reads a CSV file; column names and types are inferred from the file unless they are given.");

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
        return QueryPlan.source(sql, null, List.of(file));
    }

    private static List<String> options(ReadCsvSettings settings) {
        var options = new ArrayList<String>();
        options.add("delim=" + Sql.literal(settings.delimiter()));
        options.add("header=" + settings.header());
        options.add("quote=" + Sql.literal(settings.quote()));
        options.add("encoding=" + Sql.literal(settings.encoding().duckDbName()));
        options.add("skip=" + settings.skipRows());
        if (!settings.columns().isEmpty()) {
            options.add("auto_detect=false");
            options.add("columns=" + columns(settings.columns()));
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
