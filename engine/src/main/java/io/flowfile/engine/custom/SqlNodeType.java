package io.flowfile.engine.custom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.node.NodeException;
import io.flowfile.node.NodePlan;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A custom node type implemented in DuckDB SQL. Each input port reads as a table of the port's name;
 * each {@code {{setting}}} becomes an SQL value of the setting's kind — a column an escaped
 * identifier, a text an escaped string literal, a number a numeric literal, a toggle TRUE or FALSE, a
 * multi select a list of literals — so a setting's text can never change the query's structure. The
 * node compiles to one SELECT over its inputs, fused with its neighbours like a built-in, and its
 * output schema is known by binding the query.
 */
final class SqlNodeType extends CustomNodeType {

    private static final Pattern TRAILING_SEMICOLONS = Pattern.compile("[\\s;]+$");
    private final String template;

    SqlNodeType(NodeTypeDocument document, Implementation.SqlImplementation sql) {
        super(document);
        this.template = TRAILING_SEMICOLONS.matcher(sql.sql()).replaceAll("");
    }

    @Override
    NodePlan planChecked(ObjectNode values, ObjectNode written, PlanContext context) {
        Map<String, FormComponent> components = SettingValues.byName(document());
        Matcher matcher = NodeTypeDocument.PLACEHOLDER.matcher(template);
        var query = new StringBuilder();
        while (matcher.find()) {
            FormComponent component = components.get(matcher.group(1));
            JsonNode value = values.get(component.name());
            if (component.kind().columns() && (value == null || value.isNull())) {
                context.problem(component.name(), io.flowfile.node.NodeErrorCode.INVALID_SETTING,
                        "'" + component.label() + "' needs a column: the query uses it");
                return null;
            }
            matcher.appendReplacement(query, Matcher.quoteReplacement(sqlValue(component, value)));
        }
        matcher.appendTail(query);
        List<String> inputs = document().inputs();
        String sql;
        if (inputs.isEmpty()) {
            sql = "SELECT * FROM (\n" + query + "\n)";
        } else {
            String tables = inputs.stream()
                    .map(name -> Sql.identifier(name) + " AS (SELECT * FROM " + context.input(name).ref() + ")")
                    .collect(Collectors.joining(", "));
            sql = "SELECT * FROM (WITH " + tables + " SELECT * FROM (\n" + query + "\n))";
        }
        Schema schema = null;
        try {
            schema = context.describe(sql);
        } catch (NodeException e) {
            context.problem(null, e.code(), "the node type's query does not bind with these settings: " + e.getMessage()
                    + (inputs.isEmpty() ? "" : "\nThe inputs' columns are: " + inputs.stream()
                    .map(name -> name + " (" + String.join(", ", context.input(name).schema().names()) + ")")
                    .collect(Collectors.joining("; "))));
        }
        return NodePlan.QueryPlan.main(sql, schema);
    }

    @Override
    public java.util.Optional<String> queryShapeProblem(java.util.function.Function<String, java.util.Optional<String>> queryProblem) {
        Map<String, FormComponent> components = SettingValues.byName(document());
        Matcher matcher = NodeTypeDocument.PLACEHOLDER.matcher(template);
        var neutral = new StringBuilder();
        while (matcher.find()) {
            boolean column = components.get(matcher.group(1)).kind().columns();
            matcher.appendReplacement(neutral, column ? "\"c\"" : "NULL");
        }
        matcher.appendTail(neutral);
        return queryProblem.apply(neutral.toString());
    }

    private static String number(FormComponent component, JsonNode value) {
        BigDecimal number = value.decimalValue();
        return component.integer() ? number.toBigIntegerExact().toString() : number.toPlainString();
    }

    /** The SQL value of a setting: never its text as it is. */
    static String sqlValue(FormComponent component, JsonNode value) {
        if (value == null || value.isNull()) {
            return "NULL";
        }
        return switch (component.kind()) {
            case TEXT, SELECT -> Sql.literal(value.asText());
            // in parentheses: 0-{{n}} with n = -5 must not become 0--5, a comment
            case NUMBER, SLIDER -> "(" + number(component, value) + ")";
            case TOGGLE -> value.asBoolean() ? "TRUE" : "FALSE";
            case MULTI_SELECT -> {
                var items = new ArrayList<String>();
                value.forEach(item -> items.add(Sql.literal(item.asText())));
                yield "[" + String.join(", ", items) + "]";
            }
            case COLUMN -> {
                if (value.isTextual()) {
                    yield Sql.identifier(value.asText());
                }
                var names = new ArrayList<String>();
                value.forEach(item -> names.add(item.asText()));
                yield Sql.identifiers(names);
            }
            case COLUMN_ACTIONS, SECRET -> throw new IllegalStateException("the document's check refuses {{" + component.name() + "}} in SQL");
        };
    }
}
