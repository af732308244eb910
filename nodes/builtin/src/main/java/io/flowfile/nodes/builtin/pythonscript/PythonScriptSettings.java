package io.flowfile.nodes.builtin.pythonscript;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.Ports;
import io.flowfile.node.SettingsCheck;
import io.flowfile.node.Sql;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * @param kernelId      the kernel that runs the code
 * @param cells         the code as notebook cells, run in order
 * @param inputs        names of the input ports (each takes any number of connections)
 * @param outputs       names of the outputs the code publishes with {@code flowfile.publish_output(df, name)}
 * @param outputSchemas per output, its columns as name → DuckDB type, when declared up front
 * @param startKernel   let a run start the kernel when it is stopped
 */
public record PythonScriptSettings(
        @JsonPropertyDescription("Id of the kernel that runs the code.") String kernelId,
        @JsonPropertyDescription("The code, as cells run in order in the flow's own namespace on the kernel.") List<String> cells,
        @JsonPropertyDescription("Input names (default [main]); each takes any number of connections, read with "
                + "flowfile.read_input(name) or flowfile.read_inputs().") List<String> inputs,
        @JsonPropertyDescription("Output names (default [main]), published with flowfile.publish_output(df, name).") List<String> outputs,
        @JsonPropertyDescription("Optional: per output, its columns as {name: DuckDB type}, so downstream nodes validate "
                + "before any run; checked against what the code publishes.") Map<String, Map<String, String>> outputSchemas,
        @JsonPropertyDescription("Let a run start the kernel when it is stopped (default false).") Boolean startKernel) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public PythonScriptSettings {
        inputs = inputs == null ? List.of(Ports.MAIN) : List.copyOf(inputs);
        outputs = outputs == null ? List.of(Ports.MAIN) : List.copyOf(outputs);
        cells = cells == null ? List.of() : List.copyOf(cells);
        outputSchemas = outputSchemas == null ? Map.of() : copy(outputSchemas);
        startKernel = startKernel != null && startKernel;
        var check = new SettingsCheck().notBlank("kernel_id", kernelId).notEmpty("cells", cells).notEmpty("outputs", outputs);
        names(check, "inputs", inputs);
        names(check, "outputs", outputs);
        for (int i = 0; i < cells.size(); i++) {
            check.require(cells.get(i) != null, "cells[" + i + "]", "a cell is null");
        }
        for (var entry : outputSchemas.entrySet()) {
            String path = "output_schemas." + entry.getKey();
            check.require(outputs.contains(entry.getKey()), path, "'" + entry.getKey() + "' is not an output; outputs are " + outputs);
            check.require(!entry.getValue().isEmpty(), path, "declares no columns");
            entry.getValue().forEach((column, type) -> check.require(type != null && Sql.isTypeName(type), path + "." + column,
                    "'" + type + "' is not a DuckDB type name"));
        }
        check.done();
    }

    private static void names(SettingsCheck check, String setting, List<String> names) {
        var seen = new HashSet<String>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            check.require(name != null && NAME.matcher(name).matches(), setting + "[" + i + "]",
                    "'" + name + "' is not a name of letters, digits and underscores that starts with a letter or underscore");
            check.require(name == null || seen.add(name), setting + "[" + i + "]", "'" + name + "' appears twice");
        }
    }

    private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> schemas) {
        var copy = new LinkedHashMap<String, Map<String, String>>();
        schemas.forEach((output, columns) -> copy.put(output, columns == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns))));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
