package io.flowfile.nodes.builtin.pythonscript;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;

import io.flowfile.engine.testing.NodeHarness.Table;
import io.flowfile.engine.testing.SqlKernelGateway;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.NodeType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's contract on a hand-written kernel whose cells are SQL over the input (the real
 * Python kernel is tested end to end in the app's PythonScriptFlowIT): settings, declared schemas
 * (as DuckDB spells the types), the Arrow round trip, and refused settings.
 */
class PythonScriptNodeTest extends io.flowfile.nodes.builtin.NodeContractTest<PythonScriptSettings> {

    private static final Table NUMBERS = table("x INTEGER, name VARCHAR", "(1, 'a')", "(2, 'b')", "(3, NULL)");

    @Override
    protected NodeType<PythonScriptSettings> type() {
        return new PythonScriptNode();
    }

    @Override
    protected KernelGateway kernels() {
        try {
            return new SqlKernelGateway(Files.createDirectories(workDir.resolve("exchange")), "k");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PythonScriptSettings script(List<String> cells, Map<String, String> columns) {
        return new PythonScriptSettings("k", cells, null, null, Map.of("main", new LinkedHashMap<>(columns)), null);
    }

    @Override
    protected List<Case<PythonScriptSettings>> cases() {
        return List.of(
                Case.unordered("the published output comes back with its declared columns",
                        script(List.of("SELECT x * 2 AS doubled, name FROM main"), linked("doubled", "INTEGER", "name", "VARCHAR")),
                        List.of(in("main", NUMBERS)), List.of(row("2", "a"), row("4", "b"), row("6", null))),
                Case.unordered("declared types are taken as DuckDB spells them",
                        script(List.of("SELECT x AS n FROM main WHERE x > 1"), linked("n", "int")),
                        List.of(in("main", NUMBERS)), List.of(row("2"), row("3"))));
    }

    private static Map<String, String> linked(String... pairs) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Override
    protected List<BadSettings> badSettings() {
        var numbers = List.of(in("main", NUMBERS));
        return List.of(
                new BadSettings("a kernel that does not exist", "{\"kernel_id\": \"nope\", \"cells\": [\"SELECT 1\"]}", numbers,
                        "kernel_id", "kernel 'nope' does not exist"),
                new BadSettings("no cells", "{\"kernel_id\": \"k\", \"cells\": []}", numbers, "cells", "at least one entry"),
                new BadSettings("an output named twice", "{\"kernel_id\": \"k\", \"cells\": [\"x\"], \"outputs\": [\"a\", \"a\"]}",
                        numbers, "outputs[1]", "appears twice"),
                new BadSettings("a schema for an output that does not exist",
                        "{\"kernel_id\": \"k\", \"cells\": [\"x\"], \"output_schemas\": {\"other\": {\"a\": \"INTEGER\"}}}", numbers,
                        "output_schemas.other", "is not an output"),
                new BadSettings("a type DuckDB does not know",
                        "{\"kernel_id\": \"k\", \"cells\": [\"x\"], \"output_schemas\": {\"main\": {\"a\": \"NOTATYPE\"}}}", numbers,
                        "output_schemas.main", "declares a type DuckDB does not know"));
    }
}
