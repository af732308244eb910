package io.flowfile.nodes.builtin.sample;

import io.flowfile.node.Input;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Sql;
import io.flowfile.nodes.builtin.order.InputOrder;
import java.math.BigDecimal;
import java.util.function.BinaryOperator;

/**
 * Keeps the first n rows, n rows drawn at random (exactly n rows, or all rows when there are fewer),
 * or each row with a given probability. Without a seed DuckDB draws (reservoir and Bernoulli
 * sampling), anew on every run. With a seed a row is drawn by a hash of the seed and the row's
 * position in the input, so the same seed draws the same rows, in input order, whatever the plan
 * (fused or not) and the number of threads: DuckDB's own {@code REPEATABLE} draw depends on how the
 * rows arrive in chunks, and a materialised input drew other rows than a fused one.
 */
public final class SampleNode implements NodeType<SampleSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("sample", NodeCategory.TRANSFORM, "Sample",
            "Keeps the first rows, a number of random rows, or a random share of the rows.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<SampleSettings> settingsType() {
        return SampleSettings.class;
    }

    @Override
    public NodePlan plan(SampleSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        String from = "SELECT * FROM " + input.ref();
        String sql = switch (settings.method()) {
            case FIRST -> from + " LIMIT " + settings.n();
            case RANDOM_ROWS -> settings.seed() == null
                    ? from + " USING SAMPLE reservoir(" + settings.n() + " ROWS)"
                    : seeded(input, settings.seed(), (hash, position) -> "ORDER BY " + hash + ", " + position + " LIMIT " + settings.n());
            case RANDOM_FRACTION -> settings.seed() == null
                    ? from + " USING SAMPLE bernoulli(" + BigDecimal.valueOf(settings.fraction()).movePointRight(2).toPlainString()
                            + " PERCENT)"
                    : seeded(input, settings.seed(), (hash, position) -> "WHERE " + (settings.fraction() >= 1 ? "true"
                            : "CAST(" + hash + " AS DOUBLE) / 18446744073709551616.0 < " + BigDecimal.valueOf(settings.fraction()).toPlainString()));
        };
        return QueryPlan.main(sql, input.schema());
    }

    /**
     * The input's rows numbered in input order, drawn by the clause {@code draw} makes of the hash
     * of seed and position and of the position, and given back in input order without the number.
     */
    private static String seeded(Input input, long seed, BinaryOperator<String> draw) {
        String position = Sql.identifier(InputOrder.freeName(input.schema()));
        String hash = "hash(" + position + ", " + seed + ")";
        return "SELECT * EXCLUDE (" + position + ") FROM (SELECT * FROM " + InputOrder.numbered(input, position) + " "
                + draw.apply(hash, position) + ") ORDER BY " + position;
    }
}
