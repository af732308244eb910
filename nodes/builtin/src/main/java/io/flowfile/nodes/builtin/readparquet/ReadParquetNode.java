package io.flowfile.nodes.builtin.readparquet;

import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Sql;
import io.flowfile.nodes.builtin.files.InputFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads one Parquet file or the files a glob matches with DuckDB's {@code read_parquet}. The glob is
 * expanded here, so the exact file list is part of the query and of the cache key.
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
        String list = files.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
        String sql = "SELECT * FROM read_parquet(" + list + ", union_by_name=" + settings.unionByName() + ")";
        return QueryPlan.source(sql, null, files);
    }
}
