package io.flowfile.nodes.builtin.sample;

import io.flowfile.node.Input;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import java.math.BigDecimal;

/**
 * Keeps the first n rows, n rows drawn at random (reservoir sampling: exactly n rows, or all rows
 * when there are fewer), or each row with a given probability (Bernoulli sampling). A seed makes
 * the random draw repeatable.
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
            case RANDOM_ROWS -> from + " USING SAMPLE reservoir(" + settings.n() + " ROWS)" + repeatable(settings);
            case RANDOM_FRACTION -> from + " USING SAMPLE bernoulli("
                    + BigDecimal.valueOf(settings.fraction()).movePointRight(2).toPlainString() + " PERCENT)"
                    + repeatable(settings);
        };
        return QueryPlan.main(sql, input.schema());
    }

    private static String repeatable(SampleSettings settings) {
        return settings.seed() == null ? "" : " REPEATABLE (" + settings.seed() + ")";
    }
}
