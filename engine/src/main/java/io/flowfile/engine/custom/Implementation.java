package io.flowfile.engine.custom;

import io.flowfile.node.Schema;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How a custom node type computes its outputs. */
public sealed interface Implementation {

    /**
     * A DuckDB query over the input ports (each readable as a table of the port's name), with the
     * settings as {@code {{name}}} placeholders, each replaced by a typed, escaped SQL value.
     */
    record SqlImplementation(String sql) implements Implementation {
        public SqlImplementation {
            Objects.requireNonNull(sql, "sql is null");
        }
    }

    /**
     * The body of {@code process(inputs, settings)}, run on a kernel through the Python Script node's
     * path: {@code inputs} maps each input port to a Polars LazyFrame, {@code settings} the node's
     * settings; it returns a DataFrame or LazyFrame (one output) or a dict of them by output name.
     *
     * @param code          the body of {@code process}
     * @param predictSchema the body of an optional {@code predict_schema(input_schemas, settings)} (empty
     *                      when none): it gets each input's columns as {name: DuckDB type} and the settings,
     *                      and returns the output's columns the same way (or {output: columns} for several)
     * @param requirements  packages (pip names, optionally with a version rule) the code imports
     * @param outputSchemas per output, its declared columns (outputs not declared are known after a run)
     */
    record PythonImplementation(String code, String predictSchema, List<String> requirements, Map<String, Schema> outputSchemas)
            implements Implementation {
        public PythonImplementation {
            Objects.requireNonNull(code, "code is null");
            predictSchema = predictSchema == null ? "" : predictSchema;
            requirements = List.copyOf(requirements);
            outputSchemas = Map.copyOf(outputSchemas);
        }
    }
}
