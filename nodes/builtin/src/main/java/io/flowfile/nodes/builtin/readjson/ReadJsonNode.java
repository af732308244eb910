package io.flowfile.nodes.builtin.readjson;

import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Sql;
import io.flowfile.node.TextEncoding;
import io.flowfile.nodes.builtin.files.InputFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads JSON records from one file or the files a glob matches with DuckDB's {@code read_json};
 * column names and types are inferred from every record of every file ({@code sample_size=-1},
 * {@code maximum_sample_files=-1}; {@code sample_rows} limits the records per file). DuckDB's
 * default sample of 20,480 records and 32 files would fail the run on a key that first appears
 * later, truncate a later decimal in an integer column, and leave out keys of the files past the
 * 32nd without a word.
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
        for (Path file : files) {
            String problem = textProblem(file);
            if (problem != null) {
                context.problem("path", NodeErrorCode.BAD_DATA, file.getFileName() + " " + problem);
            }
        }
        String list = files.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
        String format = settings.format().name().toLowerCase(Locale.ROOT);
        String sample = settings.sampleRows() == null ? "-1" : settings.sampleRows().toString();
        String sql = "SELECT * FROM read_json(" + list + ", format=" + Sql.literal(format) + ", sample_size=" + sample
                + ", maximum_sample_files=-1)";
        return QueryPlan.source(sql, null, files);
    }

    /** Why the start of {@code file} is not JSON text to read (empty, compressed, not UTF-8), or null. */
    private static String textProblem(Path file) {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64 * 1024);
            if (new String(head, java.nio.charset.StandardCharsets.UTF_8).isBlank() && in.read() < 0) {
                return "is empty: it holds no JSON records";
            }
            String problem = TextEncoding.problem(head, head.length);
            return problem == null ? null : problem + "; JSON files are read as UTF-8";
        } catch (java.io.IOException e) {
            return null; // the reader says what is wrong
        }
    }
}
