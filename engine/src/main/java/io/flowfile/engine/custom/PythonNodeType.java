package io.flowfile.engine.custom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.engine.registry.SettingsCodec.SettingProblem;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import io.flowfile.node.NodePlan;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A custom node type implemented in Python: the body of {@code process(inputs, settings)}, run on the
 * kernel the node chooses (its {@value #KERNEL} setting) through the Python Script node's path, with
 * the {@code flowfile} API available. Its outputs' schemas are declared by the document or remembered
 * after the first run; the packages it requires are checked against the kernel's environment first.
 */
final class PythonNodeType extends CustomNodeType {

    /** The setting every Python node type has besides its form: the kernel that runs it. */
    static final String KERNEL = "kernel_id";
    /** The setting that lets a run start the kernel when it is stopped. */
    static final String START_KERNEL = "start_kernel";

    private final Implementation.PythonImplementation python;

    PythonNodeType(NodeTypeDocument document, Implementation.PythonImplementation python) {
        super(document);
        this.python = python;
    }

    @Override
    public ObjectNode settingsSchema() {
        ObjectNode schema = super.settingsSchema();
        ObjectNode properties = (ObjectNode) schema.get("properties");
        properties.putObject(KERNEL).put("type", "string").put("title", "Kernel")
                .put("description", "The kernel that runs the node's code.").put("x-flowfile-kernel", true);
        properties.putObject(START_KERNEL).put("type", "boolean").put("title", "Start the kernel")
                .put("description", "Let a run start the kernel when it is stopped.");
        var required = schema.has("required") ? (com.fasterxml.jackson.databind.node.ArrayNode) schema.get("required") : schema.putArray("required");
        required.insert(0, KERNEL);
        return schema;
    }

    @Override
    public List<SettingProblem> check(JsonNode settings) {
        if (settings == null || !settings.isObject()) {
            return super.check(settings);
        }
        ObjectNode form = ((ObjectNode) settings).deepCopy();
        JsonNode kernel = form.remove(KERNEL);
        JsonNode start = form.remove(START_KERNEL);
        var problems = new ArrayList<SettingProblem>();
        if (kernel == null || !kernel.isTextual() || kernel.asText().isBlank()) {
            problems.add(new SettingProblem(KERNEL, "'Kernel' needs a value: the id of the kernel that runs the code"));
        }
        if (start != null && !start.isBoolean()) {
            problems.add(new SettingProblem(START_KERNEL, "must be true or false"));
        }
        problems.addAll(super.check(form));
        return problems;
    }

    @Override
    NodePlan planChecked(ObjectNode values, ObjectNode written, PlanContext context) {
        String kernelId = written.get(KERNEL).asText();
        boolean startKernel = written.path(START_KERNEL).asBoolean(false);
        KernelGateway.KernelStatus status = context.kernelStatus(kernelId);
        boolean runnable = status.availability() == KernelGateway.Availability.READY
                || (status.availability() == KernelGateway.Availability.STOPPED && startKernel);
        if (!runnable) {
            context.problem(KERNEL, NodeErrorCode.KERNEL_UNAVAILABLE, status.message()
                    + (status.availability() == KernelGateway.Availability.STOPPED ? "; or set start_kernel: true to let the run start it" : ""));
        }
        if (status.availability() != KernelGateway.Availability.MISSING && !python.requirements().isEmpty()) {
            Optional<Map<String, String>> installed = context.kernelPackages(kernelId);
            installed.ifPresent(packages -> {
                List<String> missing = Requirements.missing(python.requirements(), packages);
                if (!missing.isEmpty()) {
                    context.problem(KERNEL, NodeErrorCode.KERNEL_UNAVAILABLE, "kernel '" + kernelId + "' lacks what node type '"
                            + document().type() + "' requires: " + String.join(", ", missing)
                            + "; add it to the kernel's packages, or choose a kernel that has it");
                }
            });
        }
        var declared = new LinkedHashMap<String, Schema>();
        python.outputSchemas().forEach((output, schema) -> declared(context, output, schema).ifPresent(found -> declared.put(output, found)));
        return new NodePlan.ScriptPlan(kernelId, List.of(cell(values)), document().outputs(), declared, startKernel);
    }

    /** The one cell a node runs: {@code process} defined, called with its inputs and settings, its result published. */
    String cell(ObjectNode values) {
        String body = python.code().strip().isEmpty() ? "pass" : python.code().stripTrailing();
        String indented = body.lines().map(line -> line.isBlank() ? "" : "    " + line).collect(Collectors.joining("\n"));
        String inputs = document().inputs().stream().map(PythonNodeType::pythonString).collect(Collectors.joining(", "));
        String outputs = document().outputs().stream().map(PythonNodeType::pythonString).collect(Collectors.joining(", "));
        return "def _flowfile_process(inputs, settings):\n" + indented + "\n    pass\n\n"
                + "def _flowfile_node_type():\n"
                + "    import json\n"
                + "    settings = json.loads(" + pythonString(values.toString()) + ")\n"
                + "    inputs = {name: flowfile.read_input(name) for name in [" + inputs + "]}\n"
                + "    result = _flowfile_process(inputs, settings)\n"
                + "    outputs = [" + outputs + "]\n"
                + "    if isinstance(result, dict):\n"
                + "        unknown = sorted(set(result) - set(outputs))\n"
                + "        if unknown:\n"
                + "            raise KeyError(f\"the node's code returned {unknown}, which are not outputs of this node type; outputs: {outputs}\")\n"
                + "        missing = [name for name in outputs if name not in result]\n"
                + "        if missing:\n"
                + "            raise KeyError(f\"the node's code returned no {missing}; return a dict with every output: {outputs}\")\n"
                + "        for name, frame in result.items():\n"
                + "            flowfile.publish_output(frame, name)\n"
                + "    elif result is not None and len(outputs) > 1:\n"
                + "        raise ValueError(f\"the node type has the outputs {outputs}: return a dict of them, not one frame\")\n"
                + "    elif result is not None:\n"
                + "        flowfile.publish_output(result, outputs[0])\n"
                + "    elif outputs:\n"
                + "        raise ValueError(f\"the node's code returned None; return a DataFrame for output {outputs[0]!r}\")\n\n"
                + "_flowfile_node_type()\n";
    }

    /** A Python string literal of {@code text} (JSON's escapes are Python's). */
    static String pythonString(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }

    private static Optional<Schema> declared(PlanContext context, String output, Schema schema) {
        String casts = schema.columns().stream()
                .map(column -> "CAST(NULL AS " + column.type() + ") AS " + Sql.identifier(column.name()))
                .collect(Collectors.joining(", "));
        try {
            return Optional.of(context.describe("SELECT " + casts));
        } catch (NodeException e) {
            context.problem(null, NodeErrorCode.INVALID_SETTING, "the node type declares for output '" + output
                    + "' a type DuckDB does not know: " + e.getMessage().lines().findFirst().orElse(""));
            return Optional.empty();
        }
    }
}
