package io.flowfile.app.kernel;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.app.testing.Cli;
import io.flowfile.engine.custom.CustomNodeType;
import io.flowfile.engine.custom.CustomSettings;
import io.flowfile.engine.custom.NodeTypeDocument;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.testing.NodeHarness.Table;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.NodeContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A custom node type implemented in Python passes the built-ins' node contract on a real kernel in
 * Docker: its settings round-trip, the columns its {@code predict_schema} answers during validation
 * equal the columns of the run, its rows are the ones worked out by hand (in development and in
 * performance mode), and bad settings are named before anything runs.
 */
class PythonNodeTypeContractIT extends NodeContractTest<CustomSettings> {

    private static final String KERNEL = "contract";

    static final String SCALE = """
            flowfile_node: 1
            type: scale_column
            title: Scale a column
            category: transform
            description: Multiplies a numeric column by a factor, optionally labelling the rows.
            inputs: [main]
            outputs: [main]
            form:
              sections:
                - title: Scale
                  components:
                    - {name: column, kind: column, label: Column, column_types: numeric, required: true}
                    - {name: factor, kind: number, label: Factor, min: -100, max: 100, default: 2}
                    - {name: label, kind: text, label: Label}
            implementation:
              kind: python
              code: |
                import polars as pl
                frame = inputs["main"].with_columns(scaled=pl.col(settings["column"]).cast(pl.Float64) * float(settings["factor"]))
                if settings.get("label"):
                    frame = frame.with_columns(label=pl.lit(settings["label"], dtype=pl.String))
                return frame
              predict_schema: |
                columns = dict(input_schemas["main"])
                columns["scaled"] = "DOUBLE"
                if settings.get("label"):
                    columns["label"] = "VARCHAR"
                return columns
            """;

    private static final Table READINGS = table("sensor VARCHAR, reading INTEGER",
            "('a', 1)", "('b', 4)", "('c', NULL)");

    private static Path data;
    private static KernelPlane plane;

    @BeforeAll
    static void startKernel() throws Exception {
        data = Files.createTempDirectory("flowfile-contract-it").resolve("data");
        Cli.Outcome defined = Cli.run(data, "kernel", "--data-dir", data.toString(), "define", KERNEL, "--memory-gb", "1");
        assertThat(defined.exitCode()).as(defined.err()).isZero();
        plane = KernelPlane.open(data, Optional.empty());
        // running before validation, so predict_schema answers (validation never starts a kernel)
        plane.manager().start(KERNEL).get(10, TimeUnit.MINUTES);
    }

    @AfterAll
    static void stopKernel() {
        if (plane != null) {
            plane.manager().close();
            plane.close();
        }
    }

    @Override
    protected KernelGateway kernels() {
        return plane.gateway();
    }

    @Override
    protected NodeType<CustomSettings> type() {
        return CustomNodeType.of(NodeTypeDocument.read(SCALE, FlowFormat.YAML));
    }

    private static CustomSettings settings(String json) {
        return CustomSettings.parse(json);
    }

    @Override
    protected List<Case<CustomSettings>> cases() {
        return List.of(
                Case.ordered("the factor by default, a null stays null",
                        settings("{\"kernel_id\": \"contract\", \"column\": \"reading\"}"), List.of(in("main", READINGS)),
                        List.of(row("a", "1", "2.0"), row("b", "4", "8.0"), row("c", null, null))),
                Case.ordered("a negative fraction and a label that looks like code",
                        settings("{\"kernel_id\": \"contract\", \"column\": \"reading\", \"factor\": -0.5, "
                                + "\"label\": \"\\\"); import os; os.remove('x') #\"}"),
                        List.of(in("main", READINGS)),
                        List.of(row("a", "1", "-0.5", "\"); import os; os.remove('x') #"),
                                row("b", "4", "-2.0", "\"); import os; os.remove('x') #"),
                                row("c", null, null, "\"); import os; os.remove('x') #"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        var readings = List.of(in("main", READINGS));
        return List.of(
                new BadSettings("a missing required column", "{\"kernel_id\": \"contract\"}", readings,
                        "settings.column", "'Column' needs a value"),
                new BadSettings("an unknown column lists the existing ones", "{\"kernel_id\": \"contract\", \"column\": \"value\"}",
                        readings, "settings.column", "sensor, reading"),
                new BadSettings("a text column where numbers are wanted", "{\"kernel_id\": \"contract\", \"column\": \"sensor\"}",
                        readings, "settings.column", "not a numeric column"),
                new BadSettings("a factor above the greatest", "{\"kernel_id\": \"contract\", \"column\": \"reading\", \"factor\": 1000}",
                        readings, "settings.factor", "above the greatest value, 100"),
                new BadSettings("a kernel that does not exist", "{\"kernel_id\": \"nope\", \"column\": \"reading\"}",
                        readings, "kernel_id", "kernel 'nope' does not exist"));
    }
}
