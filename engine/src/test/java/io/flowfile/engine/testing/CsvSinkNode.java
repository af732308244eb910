package io.flowfile.engine.testing;

import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.SettingsCheck;
import io.flowfile.node.WriteMode;

/** A sink for engine tests: writes its input as CSV. */
public final class CsvSinkNode implements NodeType<CsvSinkNode.Settings> {

    public static final String TYPE = "test_csv_sink";

    public record Settings(String path, WriteMode mode) {
        public Settings {
            mode = mode == null ? WriteMode.OVERWRITE : mode;
            new SettingsCheck().notBlank("path", path).done();
        }
    }

    @Override
    public NodeDescriptor descriptor() {
        return NodeDescriptor.sink(TYPE, "Test CSV sink", "Writes CSV, for tests.");
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public NodePlan plan(Settings settings, PlanContext context) {
        return new NodePlan.SinkPlan("SELECT * FROM " + context.input(Ports.MAIN).ref(), context.resolve(settings.path()),
                settings.mode(), "FORMAT csv, HEADER true");
    }
}
