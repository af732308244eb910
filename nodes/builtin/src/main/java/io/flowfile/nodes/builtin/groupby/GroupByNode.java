package io.flowfile.nodes.builtin.groupby;

import io.flowfile.node.Column;
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
import io.flowfile.nodes.builtin.groupby.GroupBySettings.Function;
import io.flowfile.nodes.builtin.order.InputOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Groups rows by columns and computes aggregations per group. The result types depend on the
 * functions (a sum of INTEGER is HUGEINT, a mean is DOUBLE, ...), so the engine binds the query to
 * find the schema. first, last and concat follow the input's order: the rows are numbered first
 * ({@link InputOrder}), since DuckDB's own {@code first()} takes whichever thread's rows come first.
 * The median of an integer or DECIMAL column is exact ({@link Median}).
 */
public final class GroupByNode implements NodeType<GroupBySettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("group_by", NodeCategory.AGGREGATE,
            "Group By", "Groups rows by the values of columns and computes sums, counts, means, concatenations and "
                    + "other aggregations per group; without group columns, one row over all rows.");

    /** The functions whose answer depends on the order of the rows. */
    private static final Set<Function> ORDERED = EnumSet.of(Function.FIRST, Function.LAST, Function.CONCAT);

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
        String rowNumber = Sql.identifier(InputOrder.freeName(input.schema()));
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
            String type = input.schema().find(aggregation.column()).map(Column::type).orElse("");
            select.add(call(aggregation, type, rowNumber) + " AS " + Sql.identifier(aggregation.alias()));
        }
        boolean ordered = settings.aggregations().stream().map(Aggregation::function).anyMatch(ORDERED::contains);
        String sql = "SELECT " + String.join(", ", select) + " FROM "
                + (ordered ? InputOrder.numbered(input, rowNumber) : input.ref());
        if (!settings.groupBy().isEmpty()) {
            sql += " GROUP BY " + Sql.identifiers(settings.groupBy());
        }
        return QueryPlan.main(sql);
    }

    /** @param rowNumber the input's row number, for the functions in {@link #ORDERED} */
    private static String call(Aggregation aggregation, String type, String rowNumber) {
        String column = Sql.identifier(aggregation.column());
        return switch (aggregation.function()) {
            case SUM -> "sum(" + column + ")";
            case MIN -> "min(" + column + ")";
            case MAX -> "max(" + column + ")";
            case MEAN -> "avg(" + column + ")";
            case MEDIAN -> Median.of(column, type);
            case COUNT -> "count(" + column + ")";
            case COUNT_DISTINCT -> "count(DISTINCT " + column + ")";
            case FIRST -> "arg_min_null(" + column + ", " + rowNumber + ")";
            case LAST -> "arg_max_null(" + column + ", " + rowNumber + ")";
            case STD -> "stddev_samp(" + column + ")";
            case VAR -> "var_samp(" + column + ")";
            case CONCAT -> "string_agg(CAST(" + column + " AS VARCHAR), " + Sql.literal(aggregation.separator())
                    + " ORDER BY " + rowNumber + ")";
        };
    }
}
