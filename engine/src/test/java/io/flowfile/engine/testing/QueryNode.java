package io.flowfile.engine.testing;

import io.flowfile.node.DynamicPorts;
import io.flowfile.node.InputPort;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.SettingsCheck;
import java.util.List;

/**
 * A node for engine tests: any SQL over its inputs, written with {@code {port}} where an input's
 * ref goes, e.g. {@code SELECT * FROM {main} WHERE x > 1}; {@code requires} lists columns that must
 * exist in input {@code main}.
 */
public final class QueryNode implements NodeType<QueryNode.Settings>, DynamicPorts<QueryNode.Settings> {

    public static final String TYPE = "test_query";

    /** {@code files} are declared as the files the node reads (their changes invalidate its cached result). */
    public record Settings(String sql, List<String> inputs, List<String> requires, List<String> files) {
        public Settings {
            inputs = inputs == null ? List.of(Ports.MAIN) : List.copyOf(inputs);
            requires = requires == null ? List.of() : List.copyOf(requires);
            files = files == null ? List.of() : List.copyOf(files);
            new SettingsCheck().notBlank("sql", sql).done();
        }
    }

    @Override
    public NodeDescriptor descriptor() {
        return NodeDescriptor.transform(TYPE, NodeCategory.TRANSFORM, "Test query", "SQL over the inputs, for tests.");
    }

    @Override
    public Ports ports(Settings settings) {
        return new Ports(settings.inputs().stream().map(InputPort::one).toList(), List.of(Ports.MAIN));
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public NodePlan plan(Settings settings, PlanContext context) {
        for (int i = 0; i < settings.requires().size(); i++) {
            context.requireColumn(context.input(Ports.MAIN), "requires[" + i + "]", settings.requires().get(i));
        }
        String sql = settings.sql();
        for (String port : settings.inputs()) {
            sql = sql.replace("{" + port + "}", context.input(port).ref());
        }
        List<java.nio.file.Path> files = settings.files().stream().map(context::resolve).toList();
        return new NodePlan.QueryPlan(java.util.Map.of(Ports.MAIN, new NodePlan.Query(sql, null)), files);
    }
}
