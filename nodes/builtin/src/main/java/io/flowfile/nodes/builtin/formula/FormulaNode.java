package io.flowfile.nodes.builtin.formula;

import io.flowfile.node.Column;
import io.flowfile.node.Input;
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
import java.util.Optional;

/** Adds a column computed by an SQL expression, or replaces an existing column with it in place. */
public final class FormulaNode implements NodeType<FormulaSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("formula", NodeCategory.TRANSFORM, "Formula",
            "Adds a column computed by an SQL expression, or replaces an existing column with it.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<FormulaSettings> settingsType() {
        return FormulaSettings.class;
    }

    @Override
    public NodePlan plan(FormulaSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        String computed = "(" + settings.expression() + "\n)";
        String value = settings.type() == null ? computed : "CAST(" + computed + " AS " + settings.type() + ")";
        Optional<Column> existing = input.schema().find(settings.column());
        String sql = existing
                .map(column -> "SELECT * REPLACE (" + value + " AS " + Sql.identifier(column.name()) + ")")
                .orElseGet(() -> "SELECT *, " + value + " AS " + Sql.identifier(settings.column()))
                + " FROM " + input.ref();
        if (settings.type() != null && !knownType(settings.type(), context)) {
            return QueryPlan.main(sql);
        }
        Schema schema = null;
        try {
            schema = context.describe(sql);
        } catch (NodeException e) {
            context.problem("expression", e.code(), e.getMessage() + "\nThe input's columns are: "
                    + String.join(", ", input.schema().names()));
        }
        return QueryPlan.main(sql, schema);
    }

    /** Binds a cast of NULL to {@code type} so that an unknown type is reported on the type setting. */
    private static boolean knownType(String type, PlanContext context) {
        try {
            context.describe("SELECT CAST(NULL AS " + type + ") AS value");
            return true;
        } catch (NodeException e) {
            context.problem("type", e.code(), e.getMessage());
            return false;
        }
    }
}
