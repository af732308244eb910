package io.flowfile.nodes.builtin.sql;

import io.flowfile.node.DynamicPorts;
import io.flowfile.node.InputPort;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeException;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a DuckDB query over named inputs. Each input port is visible to the query as a table of the
 * port's name; the query may have its own {@code WITH} clause. It compiles to one SELECT (the inputs
 * as common table expressions around the query as a subquery), so it can be fused with other nodes.
 */
public final class SqlNode implements NodeType<SqlSettings>, DynamicPorts<SqlSettings> {

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("sql", NodeCategory.TRANSFORM, "SQL",
            "Runs a DuckDB SQL query over one or more inputs, each readable as a table named after its port.",
            new Ports(List.of(InputPort.one(Ports.MAIN)), List.of(Ports.MAIN)));

    /** Semicolons and blanks after the last statement, which cannot stand inside a subquery. */
    private static final Pattern TRAILING_SEMICOLONS = Pattern.compile("[\\s;]+$");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<SqlSettings> settingsType() {
        return SqlSettings.class;
    }

    @Override
    public Ports ports(SqlSettings settings) {
        return new Ports(settings.inputs().stream().map(InputPort::one).toList(), List.of(Ports.MAIN));
    }

    @Override
    public NodePlan plan(SqlSettings settings, PlanContext context) {
        String tables = settings.inputs().stream()
                .map(name -> Sql.identifier(name) + " AS (SELECT * FROM " + context.input(name).ref() + ")")
                .collect(Collectors.joining(", "));
        String query = TRAILING_SEMICOLONS.matcher(settings.query()).replaceAll("");
        String sql = "SELECT * FROM (WITH " + tables + " SELECT * FROM (\n" + query + "\n))";
        Schema schema = null;
        try {
            schema = context.describe(sql);
        } catch (NodeException e) {
            context.problem("query", e.code(), e.getMessage() + "\nThe inputs' columns are: " + settings.inputs().stream()
                    .map(name -> name + " (" + String.join(", ", context.input(name).schema().names()) + ")")
                    .collect(Collectors.joining("; ")));
        }
        return QueryPlan.main(sql, schema);
    }
}
