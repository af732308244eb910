package io.flowfile.nodes.builtin.readparquet;

import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Sql;
import io.flowfile.nodes.builtin.files.InputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads one Parquet file or the files a glob matches with DuckDB's {@code read_parquet}. The glob is
 * expanded here, so the exact file list is part of the query and of the cache key. Column names are
 * kept as the files spell them: a file with two columns whose names differ only in case (which
 * DuckDB, whose names ignore case, would report as {@code name} and {@code Name_1}) is a problem
 * that names both.
 */
public final class ReadParquetNode implements NodeType<ReadParquetSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.source("read_parquet", "Read Parquet",
            "Reads a Parquet file, or every file a glob such as data/part-*.parquet matches.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ReadParquetSettings> settingsType() {
        return ReadParquetSettings.class;
    }

    @Override
    public NodePlan plan(ReadParquetSettings settings, PlanContext context) {
        List<Path> files = InputFiles.matching(context, "path", settings.path());
        files.forEach(file -> checkNames(file, context));
        String list = files.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
        String sql = "SELECT * FROM read_parquet(" + list + ", union_by_name=" + settings.unionByName() + ")";
        return QueryPlan.source(sql, null, files);
    }

    /** Reports the first two columns of {@code file} whose names are equal but for case. */
    private static void checkNames(Path file, PlanContext context) {
        List<String> names;
        try {
            names = ParquetFooter.columnNames(file);
        } catch (IOException e) {
            return; // not a readable Parquet file: DuckDB names the file and the fault when it binds the query
        }
        Map<String, String> seen = new HashMap<>();
        for (String name : names) {
            String earlier = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (earlier != null) {
                String clash = earlier.equals(name) ? "two columns named \"" + name + "\""
                        : "columns \"" + earlier + "\" and \"" + name + "\", whose names differ only in case";
                context.problem("path", NodeErrorCode.BAD_DATA, file + " has " + clash + "; column names ignore case "
                        + "here, so one would be renamed without a word. Rename one of them in the file");
                return;
            }
        }
    }
}
