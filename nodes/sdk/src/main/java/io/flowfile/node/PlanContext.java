package io.flowfile.node;

import java.nio.file.Path;
import java.util.List;

/** What the engine offers a node while it plans. */
public interface PlanContext {

    String nodeId();

    /** The one relation connected to {@code port} (arity ONE, or OPTIONAL when connected). */
    Input input(String port);

    /** The relations connected to {@code port}, in document order (any arity). */
    List<Input> inputs(String port);

    /**
     * Binds {@code sql} (which may refer to the inputs' {@link Input#ref()}s) with DuckDB without
     * running it and returns the schema it would produce.
     *
     * @throws NodeException with {@link NodeErrorCode#INVALID_EXPRESSION} and DuckDB's message
     */
    Schema describe(String sql);

    /** {@code path} resolved against the flow's base directory when it is relative. */
    Path resolve(String path);

    /**
     * Whether a kernel can run code now (Python Script nodes check theirs). MISSING, saying so, when
     * the engine runs without a kernel plane.
     */
    KernelGateway.KernelStatus kernelStatus(String kernelId);

    /**
     * The packages installed in a kernel's environment (name → version), when the kernel plane knows
     * them; empty when it does not (no kernel plane, an unknown kernel).
     */
    default java.util.Optional<java.util.Map<String, String>> kernelPackages(String kernelId) {
        return java.util.Optional.empty();
    }

    /**
     * Runs {@code code} on kernel {@code kernelId} when it runs now (never starting it) and returns
     * what the code printed to stdout; empty when there is no kernel plane or the kernel is not ready.
     * For what must be known while planning (a custom Python node type's predicted schema): keep it
     * short, it runs during validation.
     *
     * @throws NodeException with {@link NodeErrorCode#SCRIPT_FAILED} and the traceback when the code fails
     */
    default java.util.Optional<String> printedOnKernel(String kernelId, String code) {
        return java.util.Optional.empty();
    }

    /** Records a problem with the node's settings (a path relative to the settings, or null for them all); the node is then invalid. */
    void problem(String settingPath, NodeErrorCode code, String message);

    boolean hasProblems();

    /**
     * Records {@link NodeErrorCode#UNKNOWN_COLUMN} naming the columns that do exist, unless
     * {@code column} is in {@code input}.
     *
     * @return whether the column exists
     */
    default boolean requireColumn(Input input, String settingPath, String column) {
        if (input.schema().has(column)) {
            return true;
        }
        problem(settingPath, NodeErrorCode.UNKNOWN_COLUMN, "column \"" + column + "\" does not exist in input '"
                + input.port() + "' (from node '" + input.sourceId() + "'); its columns are: "
                + String.join(", ", input.schema().names()));
        return false;
    }

    /** {@link #requireColumn} for every column of a list; {@code settingPath} gets the index appended. */
    default boolean requireColumns(Input input, String settingPath, List<String> columns) {
        boolean all = true;
        for (int i = 0; i < columns.size(); i++) {
            all &= requireColumn(input, settingPath + "[" + i + "]", columns.get(i));
        }
        return all;
    }
}
