package io.flowfile.nodes.builtin.groupby;

import io.flowfile.node.Input;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Sql;
import io.flowfile.nodes.builtin.groupby.GroupBySettings.Aggregation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Groups rows by columns and computes aggregations per group. The result types depend on the
 * functions (a sum of INTEGER is HUGEINT, a mean is DOUBLE, ...), so the engine binds the query to
 * find the schema.
 */
public final class GroupByNode implements NodeType<GroupBySettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("group_by", NodeCategory.AGGREGATE,
            "Group By", "Groups rows by the values of columns and computes sums, counts, means, concatenations and "
                    + "other aggregations per group; without group columns, one row over all rows.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<GroupBySettings> settingsType() {
        return GroupBySettings.class;
    }

    @Override
    public NodePlan plan(GroupBySettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        context.requireColumns(input, "group_by", settings.groupBy());
        var select = new ArrayList<String>();
        Set<String> names = new HashSet<>();
        for (String column : settings.groupBy()) {
            select.add(Sql.identifier(column));
            names.add(column.toLowerCase(Locale.ROOT));
        }
        for (int i = 0; i < settings.aggregations().size(); i++) {
            Aggregation aggregation = settings.aggregations().get(i);
            context.requireColumn(input, "aggregations[" + i + "].column", aggregation.column());
            if (!names.add(aggregation.alias().toLowerCase(Locale.ROOT))) {
                context.problem("aggregations[" + i + "].alias", NodeErrorCode.INVALID_SETTING, "the output already has "
                        + "a column named \"" + aggregation.alias() + "\"; choose another alias");
            }
            select.add(call(aggregation) + " AS " + Sql.identifier(aggregation.alias()));
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + input.ref();
        if (!settings.groupBy().isEmpty()) {
            sql += " GROUP BY " + Sql.identifiers(settings.groupBy());
        }
        return QueryPlan.main(sql);
    }

    private static String call(Aggregation aggregation) {
        String column = Sql.identifier(aggregation.column());
        return switch (aggregation.function()) {
            case SUM -> "sum(" + column + ")";
            case MIN -> "min(" + column + ")";
            case MAX -> "max(" + column + ")";
            case MEAN -> "avg(" + column + ")";
            case MEDIAN -> "median(" + column + ")";
            case COUNT -> "count(" + column + ")";
            case COUNT_DISTINCT -> "count(DISTINCT " + column + ")";
            case FIRST -> "first(" + column + ")";
            case LAST -> "last(" + column + ")";
            case STD -> "stddev_samp(" + column + ")";
            case VAR -> "var_samp(" + column + ")";
            case CONCAT -> "string_agg(CAST(" + column + " AS VARCHAR), " + Sql.literal(aggregation.separator()) + ")";
        };
    }
}
