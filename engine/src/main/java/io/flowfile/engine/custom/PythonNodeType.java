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
 * A secret reference of its form reaches {@code process} as the user's {@code flowfile.Secret}.
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
            context.problem(KERNEL, status.availability() == KernelGateway.Availability.MISSING ? NodeErrorCode.KERNEL_NOT_FOUND
                    : NodeErrorCode.KERNEL_UNAVAILABLE, status.message()
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
        if (!python.predictSchema().isEmpty() && runnable && declared.size() < document().outputs().size()) {
            predicted(kernelId, values, context).forEach((output, schema) -> {
                if (!declared.containsKey(output)) {
                    declared(context, output, schema).ifPresent(found -> declared.put(output, found));
                }
            });
        }
        return new NodePlan.ScriptPlan(kernelId, List.of(cell(values)), document().outputs(), declared, startKernel);
    }

    private static final String MARKER = "__flowfile_predicted_schema__";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** Predictions by type, kernel, settings and input columns: validation asks again on every edit. */
    private static final Map<String, Map<String, Schema>> PREDICTED = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, Schema>> eldest) {
                    return size() > 256;
                }
            });

    /**
     * The output columns {@code predict_schema(input_schemas, settings)} gives, run on the node's kernel
     * when it is ready (empty otherwise: then they are known after the first run); a failure of the
     * code, or an answer that is not {column: type} (or {output: {column: type}}), is a problem.
     */
    private Map<String, Schema> predicted(String kernelId, ObjectNode values, PlanContext context) {
        ObjectNode inputs = JSON.createObjectNode();
        for (String port : document().inputs()) {
            ObjectNode columns = inputs.putObject(port);
            context.input(port).schema().columns().forEach(column -> columns.put(column.name(), column.type()));
        }
        String key = identity() + "\n" + kernelId + "\n" + values + "\n" + inputs;
        Map<String, Schema> known = PREDICTED.get(key);
        if (known != null) {
            return known;
        }
        String body = python.predictSchema().stripTrailing().lines().map(line -> line.isBlank() ? "" : "    " + line)
                .collect(Collectors.joining("\n"));
        String code = "def _flowfile_predict_schema(input_schemas, settings):\n" + body + "\n    pass\n\n"
                + "def _flowfile_print_schema():\n"
                + "    import json\n"
                + "    answer = _flowfile_predict_schema(json.loads(" + pythonString(inputs.toString()) + "), json.loads("
                + pythonString(values.toString()) + "))\n"
                + "    print(" + pythonString(MARKER) + " + json.dumps(answer, default=str))\n\n"
                + "_flowfile_print_schema()\n";
        java.util.Optional<String> printed;
        try {
            printed = context.printedOnKernel(kernelId, code);
        } catch (NodeException e) {
            context.problem(null, e.code(), "predict_schema of node type '" + document().type() + "' failed: " + e.getMessage());
            return Map.of();
        }
        if (printed.isEmpty()) {
            return Map.of();
        }
        int at = printed.get().lastIndexOf(MARKER);
        Map<String, Schema> schemas = new LinkedHashMap<>();
        try {
            var answer = at < 0 ? null : JSON.readTree(printed.get().substring(at + MARKER.length()).strip());
            if (answer == null || !answer.isObject() || answer.isEmpty()) {
                throw new IllegalArgumentException("it returned " + (answer == null ? "nothing" : answer));
            }
            boolean perOutput = document().outputs().size() > 1 || answer.properties().stream().allMatch(entry -> entry.getValue().isObject());
            var byOutput = perOutput ? answer : JSON.createObjectNode().set(document().outputs().getFirst(), answer);
            for (var output : byOutput.properties()) {
                if (!document().outputs().contains(output.getKey()) || !output.getValue().isObject()) {
                    throw new IllegalArgumentException("'" + output.getKey() + "' is no output; outputs: " + document().outputs());
                }
                var columns = new java.util.ArrayList<io.flowfile.node.Column>();
                for (var column : output.getValue().properties()) {
                    if (!column.getValue().isTextual() || !Sql.isTypeName(column.getValue().asText())) {
                        throw new IllegalArgumentException("column '" + column.getKey() + "' has no DuckDB type name: " + column.getValue());
                    }
                    columns.add(new io.flowfile.node.Column(column.getKey(), column.getValue().asText()));
                }
                if (columns.isEmpty()) {
                    throw new IllegalArgumentException("output '" + output.getKey() + "' has no columns");
                }
                schemas.put(output.getKey(), new Schema(columns));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            context.problem(null, NodeErrorCode.INVALID_SETTING, "predict_schema of node type '" + document().type()
                    + "' must return {column: DuckDB type} (or {output: {column: type}}): " + e.getMessage());
            return Map.of();
        }
        PREDICTED.put(key, schemas);
        return schemas;
    }

    /** The one cell a node runs: {@code process} defined, called with its inputs and settings, its result published. */
    String cell(ObjectNode values) {
        String body = python.code().strip().isEmpty() ? "pass" : python.code().stripTrailing();
        String indented = body.lines().map(line -> line.isBlank() ? "" : "    " + line).collect(Collectors.joining("\n"));
        String inputs = document().inputs().stream().map(PythonNodeType::pythonString).collect(Collectors.joining(", "));
        String outputs = document().outputs().stream().map(PythonNodeType::pythonString).collect(Collectors.joining(", "));
        // a secret reference becomes the user's secret (flowfile.Secret) when the node runs: its value
        // is never in the cell's source; predict_schema sees the name only
        List<String> secretNames = document().components().stream().filter(component -> component.kind() == FormComponent.Kind.SECRET)
                .map(component -> pythonString(component.name())).toList();
        String secrets = secretNames.isEmpty() ? "" : "    for name in [" + String.join(", ", secretNames) + "]:\n"
                + "        if isinstance(settings.get(name), str) and settings[name]:\n"
                + "            settings[name] = flowfile.get_secret(settings[name])\n";
        return "def _flowfile_process(inputs, settings):\n" + indented + "\n    pass\n\n"
                + "def _flowfile_node_type():\n"
                + "    import json\n"
                + "    settings = json.loads(" + pythonString(values.toString()) + ")\n"
                + secrets
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
        try {
            return Optional.of(context.describe(Sql.emptyRelation(schema)));
        } catch (NodeException e) {
            context.problem(null, NodeErrorCode.INVALID_SETTING, "the node type declares for output '" + output
                    + "' a type DuckDB does not know: " + e.getMessage().lines().findFirst().orElse(""));
            return Optional.empty();
        }
    }
}
