package io.flowfile.nodes.builtin.writejson;

import io.flowfile.node.Input;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.SinkPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import java.nio.file.Path;

/** Writes its input as JSON objects with DuckDB's {@code COPY ... (FORMAT json)}. */
public final class WriteJsonNode implements NodeType<WriteJsonSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.sink("write_json", "Write JSON",
            "Writes the input rows as JSON objects, one per line or as one array.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<WriteJsonSettings> settingsType() {
        return WriteJsonSettings.class;
    }

    @Override
    public NodePlan plan(WriteJsonSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        Path target = context.resolve(settings.path()).toAbsolutePath().normalize();
        boolean array = settings.format() == WriteJsonSettings.Format.ARRAY;
        return new SinkPlan("SELECT * FROM " + input.ref(), target, settings.mode(), "FORMAT json, ARRAY " + array);
    }
}
