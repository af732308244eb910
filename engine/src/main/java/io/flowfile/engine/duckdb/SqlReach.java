package io.flowfile.engine.duckdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowfile.engine.validate.FileRootCheck;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a user's SQL may reach on a server, read from DuckDB's parse tree before anything binds or
 * runs it. One DuckDB database serves every user of a server: its file restriction
 * ({@code allowed_directories}) must let the engine itself read its result cache and spill files, and
 * each run keeps its results in a schema of that database. So a user's text may name
 * <ul>
 *   <li>files under the file roots only, each path written as a text (or a list of texts), never
 *       under the engine's own directories (the result cache, where other users' results are);</li>
 *   <li>tables without a schema: its inputs and its own {@code WITH} tables, not another run's schema
 *       ({@code run_...}) nor DuckDB's catalog views ({@code duckdb_tables}, {@code pg_namespace},
 *       {@code information_schema}) that would list them;</li>
 *   <li>table functions that read files or make rows, not those that run other SQL ({@code query},
 *       {@code query_table}) or report on the database.</li>
 * </ul>
 * DuckDB's own restriction stays in place beneath this check.
 */
public final class SqlReach {

    /** Table functions whose first argument is a path or a glob (or a list of them). */
    private static final Set<String> FILE_FUNCTIONS = Set.of("read_csv", "read_csv_auto", "read_parquet", "parquet_scan", "read_json",
            "read_json_auto", "read_ndjson", "read_ndjson_auto", "read_json_objects", "read_ndjson_objects", "read_json_objects_auto",
            "read_text", "read_blob", "glob", "sniff_csv", "parquet_metadata", "parquet_schema", "parquet_file_metadata",
            "parquet_kv_metadata", "parquet_full_metadata", "read_xlsx");
    /** Table functions that make rows from their arguments alone. */
    private static final Set<String> ROW_FUNCTIONS = Set.of("range", "generate_series", "unnest", "repeat", "repeat_row", "json_each",
            "json_tree");

    private final List<Path> roots;
    private final List<Path> engineDirectories;
    private final Set<String> catalogViews;
    private final Path workingDirectory;

    /**
     * @param roots             the only directories a path may lead into
     * @param engineDirectories directories no path may lead into, even under a root (the cache, spill files)
     * @param catalogViews      the names (lower case) of DuckDB's catalog views a table name without schema finds
     */
    public SqlReach(List<Path> roots, List<Path> engineDirectories, Set<String> catalogViews) {
        this.roots = normalized(Objects.requireNonNull(roots, "roots is null"));
        this.engineDirectories = normalized(Objects.requireNonNull(engineDirectories, "engineDirectories is null"));
        this.catalogViews = Set.copyOf(Objects.requireNonNull(catalogViews, "catalogViews is null"));
        this.workingDirectory = Path.of("").toAbsolutePath(); // where DuckDB resolves a relative path
    }

    private static List<Path> normalized(List<Path> paths) {
        return paths.stream().map(path -> path.toAbsolutePath().normalize()).toList();
    }

    /** A file a text reads: its path as written and the reader (a table function, or FROM). */
    public record FileRead(String path, String reader) {
    }

    /**
     * What a text reaches, read from its parse tree once: the first thing it may not reach by its
     * text alone, and the files it reads, which {@link #fileProblem} checks against the file system
     * each time (a link made later changes where a path leads).
     */
    public record Scan(Optional<String> problem, List<FileRead> files) {
    }

    /** Scans {@code parsed} (json_serialize_sql's output). */
    public Scan scan(JsonNode parsed) {
        List<String> problems = new ArrayList<>();
        List<FileRead> files = new ArrayList<>();
        walk(parsed, problems, files);
        return new Scan(problems.stream().findFirst(), List.copyOf(files));
    }

    /** Why one of {@code files} may not be read, now; empty when all may. */
    public Optional<String> fileProblem(List<FileRead> files) {
        for (FileRead file : files) {
            Optional<String> problem = pathProblem(file);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private void walk(JsonNode node, List<String> problems, List<FileRead> files) {
        if (node.isObject()) {
            if (!node.has("class")) { // table references carry a type but no class; expressions have both
                switch (node.path("type").asText()) {
                    case "BASE_TABLE" -> table(node, problems, files);
                    case "TABLE_FUNCTION" -> tableFunction(node.path("function"), problems, files);
                    case "SHOW_REF" -> {
                        if (!node.path("table_name").asText().isEmpty()) {
                            problems.add("describes the table '" + node.path("table_name").asText() + "': on the server, describe a query "
                                    + "(DESCRIBE SELECT ...) or an input (SUMMARIZE SELECT * FROM input)");
                        }
                    }
                    default -> { }
                }
            }
            node.elements().forEachRemaining(child -> walk(child, problems, files));
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, problems, files));
        }
    }

    private void table(JsonNode table, List<String> problems, List<FileRead> files) {
        String name = table.path("table_name").asText();
        String schema = table.path("schema_name").asText();
        String catalog = table.path("catalog_name").asText();
        if (!schema.isEmpty() || !catalog.isEmpty()) {
            String qualified = String.join(".", java.util.stream.Stream.of(catalog, schema, name).filter(part -> !part.isEmpty()).toList());
            problems.add("reads the table '" + qualified + "': on the server, a query reads its inputs and its own WITH tables by "
                    + "their names alone, and files under the file roots");
        } else if (catalogViews.contains(name.toLowerCase(Locale.ROOT))) {
            problems.add("reads DuckDB's catalog view '" + name + "', which the server keeps to itself");
        } else if (name.contains("/") || name.contains(".") || name.contains("*") || name.contains("\\")) {
            files.add(new FileRead(name, "FROM")); // DuckDB reads a quoted path in FROM as a file
        }
    }

    private void tableFunction(JsonNode function, List<String> problems, List<FileRead> files) {
        String name = function.path("function_name").asText().toLowerCase(Locale.ROOT);
        boolean qualified = !function.path("schema").asText().isEmpty() || !function.path("catalog").asText().isEmpty();
        if (!qualified && ROW_FUNCTIONS.contains(name)) {
            return;
        }
        if (qualified || !FILE_FUNCTIONS.contains(name)) {
            problems.add("calls the table function '" + name + "', which the server does not offer to SQL (it offers the file readers "
                    + "read_csv, read_parquet, read_json, read_text, read_blob and glob, and range, generate_series and unnest)");
            return;
        }
        JsonNode first = null;
        for (JsonNode argument : function.path("arguments")) {
            if (argument.path("name").asText().isEmpty()) {
                first = argument.path("expression");
                break;
            }
        }
        List<String> paths = first == null ? List.of() : texts(first);
        if (paths.isEmpty()) {
            problems.add("gives " + name + " a path computed in the query: on the server, write the path as a text ('...') or a list "
                    + "of texts, so it can be checked against the file roots");
            return;
        }
        paths.forEach(path -> files.add(new FileRead(path, name)));
    }

    /** The texts of a string constant or of a list of string constants; empty for anything else. */
    private static List<String> texts(JsonNode expression) {
        if (stringConstant(expression)) {
            return List.of(expression.path("literal").path("text").asText());
        }
        if (expression.path("class").asText().equals("FUNCTION") && expression.path("function_name").asText().equals("list_value")) {
            List<String> texts = new ArrayList<>();
            for (JsonNode argument : expression.path("arguments")) {
                if (!stringConstant(argument.path("expression"))) {
                    return List.of();
                }
                texts.add(argument.path("expression").path("literal").path("text").asText());
            }
            return texts;
        }
        return List.of();
    }

    private static boolean stringConstant(JsonNode expression) {
        return expression.path("class").asText().equals("CONSTANT") && expression.path("literal").path("kind").asText().equals("STRING");
    }

    /** Where the path leads once {@code ..} and links are resolved ({@link FileRootCheck}, as for the file nodes' paths). */
    private Optional<String> pathProblem(FileRead file) {
        String text = file.path();
        String named = "'" + text + "' (" + file.reader() + ")";
        if (text.contains("://") || text.startsWith("~")) {
            return Optional.of("reads " + named + ": on the server, SQL reads only local files under the file roots " + roots);
        }
        Path path;
        try {
            path = workingDirectory.resolve(text).normalize();
        } catch (InvalidPathException e) {
            return Optional.of("reads " + named + ", which is not a path: " + e.getReason());
        }
        if (FileRootCheck.inside(path, engineDirectories)) {
            return Optional.of("reads " + named + ", a file of the engine's own (its result cache or spill files), which SQL may not read");
        }
        if (!FileRootCheck.inside(path, roots)) {
            return Optional.of("reads " + named + ", outside the server's file roots " + roots);
        }
        return Optional.empty();
    }
}
