package io.flowfile.nodes.builtin.readjson;

import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Sql;
import io.flowfile.nodes.builtin.files.InputFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads JSON records from one file or the files a glob matches with DuckDB's {@code read_json};
 * column names and types are inferred from the records.
 */
public final class ReadJsonNode implements NodeType<ReadJsonSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.source("read_json", "Read JSON",
            "Reads JSON records (an array of objects or one object per line) from a file or the files a glob matches.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ReadJsonSettings> settingsType() {
        return ReadJsonSettings.class;
    }

    @Override
    public NodePlan plan(ReadJsonSettings settings, PlanContext context) {
        List<Path> files = InputFiles.matching(context, "path", settings.path());
        String list = files.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
        String format = settings.format().name().toLowerCase(Locale.ROOT);
        String sql = "SELECT * FROM read_json(" + list + ", format=" + Sql.literal(format) + ")";
        return QueryPlan.source(sql, null, files);
    }
}
