package io.flowfile.nodes.builtin.pythonscript;

import io.flowfile.node.Column;
import io.flowfile.node.DynamicPorts;
import io.flowfile.node.InputPort;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python code on a kernel. The engine hands the code its inputs as Arrow IPC files
 * ({@code flowfile.read_input()}) and loads what it publishes ({@code flowfile.publish_output()}).
 * Validation checks that the kernel exists and runs (or may be started by the run).
 */
public final class PythonScriptNode implements NodeType<PythonScriptSettings>, DynamicPorts<PythonScriptSettings> {

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("python_script", NodeCategory.TRANSFORM, "Python Script",
            "Runs Python cells on a kernel (a Docker container) over the inputs, read and published with the flowfile API.",
            new Ports(List.of(InputPort.many(Ports.MAIN)), List.of(Ports.MAIN)));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<PythonScriptSettings> settingsType() {
        return PythonScriptSettings.class;
    }

    @Override
    public Ports ports(PythonScriptSettings settings) {
        return new Ports(settings.inputs().stream().map(InputPort::many).toList(), settings.outputs());
    }

    @Override
    public NodePlan plan(PythonScriptSettings settings, PlanContext context) {
        KernelGateway.KernelStatus status = context.kernelStatus(settings.kernelId());
        boolean runnable = status.availability() == KernelGateway.Availability.READY
                || (status.availability() == KernelGateway.Availability.STOPPED && settings.startKernel());
        if (!runnable) {
            context.problem("kernel_id", status.availability() == KernelGateway.Availability.MISSING ? NodeErrorCode.KERNEL_NOT_FOUND
                    : NodeErrorCode.KERNEL_UNAVAILABLE, status.message()
                    + (status.availability() == KernelGateway.Availability.STOPPED ? "; or set start_kernel: true to let the run start it" : ""));
        }
        Map<String, Schema> declared = new LinkedHashMap<>();
        settings.outputSchemas().forEach((output, columns) -> declared(context, output, columns).ifPresent(schema -> declared.put(output, schema)));
        return new NodePlan.ScriptPlan(settings.kernelId(), settings.cells(), settings.outputs(), declared, settings.startKernel());
    }

    /** The declared columns as DuckDB spells their types (so {@code int} is INTEGER), or a problem for a type it does not know. */
    private static Optional<Schema> declared(PlanContext context, String output, Map<String, String> columns) {
        Schema schema = new Schema(columns.entrySet().stream().map(column -> new Column(column.getKey(), column.getValue())).toList());
        try {
            return Optional.of(context.describe(Sql.emptyRelation(schema)));
        } catch (NodeException e) {
            context.problem("output_schemas." + output, NodeErrorCode.INVALID_SETTING, "declares a type DuckDB does not know: "
                    + e.getMessage().lines().findFirst().orElse(""));
            return Optional.empty();
        }
    }
}
