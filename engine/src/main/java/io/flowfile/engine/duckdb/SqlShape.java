package io.flowfile.engine.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a user's SQL text is exactly one expression or exactly one query, as DuckDB's own parser
 * reads it ({@code json_serialize_sql}: nothing is bound or run). Text that would end the statement
 * it is placed in, or close the parenthesis around it and go on with the statement (a {@code FROM}, a
 * {@code UNION}, a second value after a comma), is refused before any statement holds it: DuckDB's
 * JDBC driver runs every statement of a text it is given but the last, even to describe it.
 */
public final class SqlShape {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Semicolons and blanks after the last statement (a SQL node drops them too). */
    private static final Pattern TRAILING_SEMICOLONS = Pattern.compile("[\\s;]+$");

    /**
     * Answers by text: a text's shape never changes, and re-validating a flow asks about the same texts
     * again. The files a text reads are kept with it and checked at every answer (where a path leads
     * can change).
     */
    private static final int REMEMBERED = 10_000;

    /** A text's problem by its text alone, and the files it reads (none without {@link #reach}). */
    private record Checked(Optional<String> problem, List<SqlReach.FileRead> files) {
    }

    private final DuckDb duckDb;
    /** On a server, what the text may reach; empty on the command line (full access). */
    private final Optional<SqlReach> reach;
    private final java.util.Map<String, Checked> expressions = remembered();
    private final java.util.Map<String, Checked> queries = remembered();

    private static java.util.Map<String, Checked> remembered() {
        return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, Checked> eldest) {
                return size() > REMEMBERED;
            }
        });
    }

    public SqlShape(DuckDb duckDb) {
        this(duckDb, Optional.empty());
    }

    /** @param reach when present, also why a text reaches what it may not ({@link SqlReach}) */
    public SqlShape(DuckDb duckDb, Optional<SqlReach> reach) {
        this.duckDb = Objects.requireNonNull(duckDb, "duckDb is null");
        this.reach = Objects.requireNonNull(reach, "reach is null");
    }

    /**
     * Why {@code expression}, placed as {@code (expression\n)}, is not exactly one SQL expression;
     * empty when it is.
     */
    public Optional<String> expressionProblem(String expression) {
        return answer(remembered(expressions, expression, this::checkExpression));
    }

    private Checked checkExpression(String expression) {
        JsonNode parsed = parse("SELECT (" + expression + "\n)");
        if (parsed.path("error").asBoolean(true)) {
            return refused("must be one SQL expression, and it does not parse as one: " + firstLine(parsed.path("error_message").asText()));
        }
        JsonNode statements = parsed.path("statements");
        if (statements.size() != 1) {
            return refused("must be one SQL expression; it holds " + statements.size()
                    + " statements separated by ';'");
        }
        if (!oneExpression(statements.get(0).path("node"))) {
            return refused("must be one SQL expression; this text closes the parenthesis the expression stands in and "
                    + "goes on with the statement around it (a FROM, WHERE, UNION, ORDER BY or LIMIT, or a second value "
                    + "after a comma); write a single expression");
        }
        return reached(parsed);
    }

    /** Why {@code query} (closing semicolons aside) is not exactly one SELECT statement; empty when it is. */
    public Optional<String> queryProblem(String query) {
        return answer(remembered(queries, query, this::checkQuery));
    }

    /** Not computeIfAbsent: the synchronized map would hold its lock while DuckDB parses. */
    private static Checked remembered(java.util.Map<String, Checked> answers, String text, java.util.function.Function<String, Checked> check) {
        Checked known = answers.get(text);
        if (known == null) {
            known = check.apply(text);
            answers.put(text, known);
        }
        return known;
    }

    private Optional<String> answer(Checked checked) {
        return checked.problem().or(() -> reach.flatMap(limits -> limits.fileProblem(checked.files())));
    }

    private Checked checkQuery(String query) {
        JsonNode parsed = parse(TRAILING_SEMICOLONS.matcher(query).replaceAll(""));
        if (parsed.path("error").asBoolean(true)) {
            String message = parsed.path("error_message").asText();
            return refused(parsed.path("error_type").asText().equals("parser")
                    ? "must be one SELECT query, and it does not parse: " + message
                    : "must be one SELECT query; it holds a statement of another kind (a COPY, CREATE, SET, ...), "
                    + "alone or after a ';'");
        }
        int count = parsed.path("statements").size();
        if (count != 1) {
            return refused("must be one SELECT query; it holds " + count + " statements"
                    + (count > 1 ? " separated by ';'" : ""));
        }
        return reached(parsed);
    }

    private Checked reached(JsonNode parsed) {
        if (reach.isEmpty()) {
            return new Checked(Optional.empty(), List.of());
        }
        SqlReach.Scan scan = reach.get().scan(parsed);
        return new Checked(scan.problem(), scan.files());
    }

    private static Checked refused(String problem) {
        return new Checked(Optional.of(problem), List.of());
    }

    private JsonNode parse(String sql) {
        try {
            return JSON.readTree(duckDb.parse(sql));
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("DuckDB could not parse SQL text: " + e.getMessage(), e);
        }
    }

    /** {@code SELECT (expression)} and nothing else: one item without alias, no FROM, no clauses, no set operation. */
    private static boolean oneExpression(JsonNode node) {
        JsonNode items = node.path("select_list");
        return node.path("type").asText().equals("SELECT_NODE")
                && items.size() == 1 && items.get(0).path("alias").asText().isEmpty()
                && node.path("from_table").path("type").asText().equals("EMPTY")
                && node.path("modifiers").isEmpty()
                && node.path("cte_map").path("map").isEmpty()
                && absent(node, "where_clause") && absent(node, "having") && absent(node, "qualify") && absent(node, "sample")
                && node.path("group_expressions").isEmpty() && node.path("group_sets").isEmpty()
                && node.path("aggregate_handling").asText().equals("STANDARD_HANDLING");
    }

    private static boolean absent(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
