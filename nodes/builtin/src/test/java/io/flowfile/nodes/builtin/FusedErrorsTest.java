package io.flowfile.nodes.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.exec.NodeEvent;
import io.flowfile.engine.exec.RunResult;
import io.flowfile.engine.plan.ExecutionMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run-time error inside a fused statement is the fault of the node whose SQL failed, not of the statement's last node. */
class FusedErrorsTest {

    @TempDir
    Path workDir;

    private static final String FLOW = """
            flowfile: 1
            name: blame
            nodes:
              - {id: src, type: read_csv, settings: {path: data.csv, columns: [{name: id, type: BIGINT}, {name: v, type: VARCHAR}]}}
              - {id: conv, type: formula, settings: {column: n, expression: "%s"}}
              - {id: keep, type: filter, settings: {mode: advanced, expression: "%s"}}
              - {id: sorted, type: sort, settings: {keys: [{column: id}]}}
              - {id: out, type: write_csv, settings: {path: out.csv}}
            edges:
              - {from: src, to: conv}
              - {from: conv, to: keep}
              - {from: keep, to: sorted}
              - {from: sorted, to: out}
            """;

    private RunResult run(String formula, String filter, ExecutionMode mode) throws Exception {
        Files.writeString(workDir.resolve("data.csv"), "id,v\n1,10\n2,abc\n3,30\n");
        try (var flows = FlowHarness.create(workDir, 2)) {
            return flows.run(FLOW.formatted(formula, filter), mode);
        }
    }

    @Test
    void aCastThatFailsInAFormulaIsTheFormulasFault() throws Exception {
        for (ExecutionMode mode : ExecutionMode.values()) {
            RunResult result = run("CAST(v AS INTEGER)", "id > 0", mode);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.errors()).as("%s", mode).singleElement().satisfies(error -> {
                assertThat(error.nodeId()).isEqualTo("conv");
                assertThat(error.message()).contains("'abc'", "column v");
            });
            assertThat(result.outcomes().get("conv")).isInstanceOf(NodeEvent.Failed.class);
            assertThat(result.outcomes().get("out")).isNotInstanceOf(NodeEvent.Failed.class);
        }
    }

    @Test
    void aCastThatFailsInAFilterIsTheFiltersFault() throws Exception {
        RunResult result = run("id * 2", "CAST(v AS INTEGER) > 0", ExecutionMode.PERFORMANCE);

        assertThat(result.errors()).singleElement().satisfies(error -> assertThat(error.nodeId()).isEqualTo("keep"));
        assertThat(result.outcomes().get("keep")).isInstanceOf(NodeEvent.Failed.class);
        assertThat(result.outcomes().get("conv")).isInstanceOf(NodeEvent.Skipped.class);
    }
}
