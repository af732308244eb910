package io.flowfile.engine.testing;

import io.flowfile.node.Column;
import io.flowfile.node.InputPort;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Schema;
import io.flowfile.node.SettingsCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A code node for engine tests: its cells run on the kernel named {@code kernel} (in tests, a
 * {@link SqlKernelGateway}); {@code declared} optionally gives the main output's columns.
 */
public final class ScriptNode implements NodeType<ScriptNode.Settings> {

    public static final String TYPE = "test_script";

    public record Settings(String kernel, List<String> cells, Map<String, String> declared) {
        public Settings {
            cells = cells == null ? List.of() : List.copyOf(cells);
            declared = declared == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(declared));
            new SettingsCheck().notBlank("kernel", kernel).notEmpty("cells", cells).done();
        }
    }

    @Override
    public NodeDescriptor descriptor() {
        return new NodeDescriptor(TYPE, NodeCategory.TRANSFORM, "Test script", "Cells on a kernel, for tests.",
                new Ports(List.of(InputPort.many(Ports.MAIN)), List.of(Ports.MAIN)));
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public NodePlan plan(Settings settings, PlanContext context) {
        KernelGateway.KernelStatus status = context.kernelStatus(settings.kernel());
        if (status.availability() != KernelGateway.Availability.READY) {
            context.problem("kernel", NodeErrorCode.KERNEL_UNAVAILABLE, status.message());
        }
        Map<String, Schema> declared = settings.declared().isEmpty() ? Map.of() : Map.of(Ports.MAIN,
                new Schema(settings.declared().entrySet().stream().map(e -> new Column(e.getKey(), e.getValue())).toList()));
        return new NodePlan.ScriptPlan(settings.kernel(), settings.cells(), List.of(Ports.MAIN), declared, false);
    }
}
