package io.flowfile.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.app.testing.Cli;
import io.flowfile.app.testing.Cli.Outcome;

import io.flowfile.app.cli.FlowfileCommand;
import io.flowfile.catalog.api.NodeResult;
import io.flowfile.catalog.api.NodeState;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.RunState;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.run.RunService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowfile register} and {@code flowfile run} against the application's catalog (H2, started empty). */
@QuarkusTest
class CatalogCommandsTest {

    private static final Path SALES = Path.of("..", "examples", "sales").toAbsolutePath().normalize();

    @Inject
    Catalog catalog;

    @Inject
    FlowService flows;

    @Inject
    RunService runs;

    @TempDir
    Path dir;

    private Outcome flowfile(String... args) {
        return Cli.run(dir.resolve("data"), args);
    }

    /** The sales example under a name of this test's own, with its data beside it. */
    private Path salesFlow(String name) throws IOException {
        Path copy = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> files = Files.list(SALES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path flow = copy.resolve("sales-report.yaml");
        Files.writeString(flow, Files.readString(flow).replace("name: sales-report", "name: " + name));
        return flow;
    }

    @Test
    void registeringMakesAVersionOnlyWhenTheFileChanged() throws IOException {
        Path flow = salesFlow("catalog-versions");
        Outcome first = flowfile("register", flow.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Registered flow 'catalog-versions' version 1");
        assertThat(flowfile("register", flow.toString()).out()).contains("Flow 'catalog-versions' is unchanged: still version 1");

        Files.writeString(flow, Files.readString(flow) + "\n# a comment changes the document\n");
        assertThat(flowfile("register", flow.toString()).out()).contains("Registered flow 'catalog-versions' version 2");
        assertThat(flows.versions("catalog-versions")).extracting(version -> version.version()).containsExactly(1, 2);
        assertThat(flows.get("catalog-versions").description()).isEqualTo("Revenue per region and product from shipped orders.");
    }

    @Test
    void anInvalidFlowIsNotRegistered() throws IOException {
        Path flow = salesFlow("catalog-invalid");
        Files.writeString(flow, Files.readString(flow).replace("type: sort", "type: no_such_node"));
        Outcome outcome = flowfile("register", flow.toString());
        assertThat(outcome.exitCode()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(outcome.err()).contains("unknown node type 'no_such_node'");
        assertThat(flows.find("catalog-invalid")).isEmpty();
    }

    @Test
    void aRunOfARegisteredVersionIsRecordedWithEveryNode() throws IOException {
        Path flow = salesFlow("catalog-runs");
        assertThat(flowfile("register", flow.toString()).exitCode()).isZero();
        Outcome run = flowfile("run", flow.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Recorded in the catalog as a run of flow 'catalog-runs' version 1");

        List<RunRecord> recorded = runs.listForFlow("catalog-runs", 10);
        assertThat(recorded).singleElement().satisfies(record -> {
            assertThat(record.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(record.trigger()).isEqualTo(RunTrigger.CLI);
            assertThat(record.flowVersion()).isEqualTo(1);
            assertThat(record.startedAt()).isNotNull();
            assertThat(record.finishedAt()).isAfterOrEqualTo(record.startedAt());
            assertThat(run.out()).contains("Run " + record.id() + ": succeeded");
        });
        List<NodeResult> nodes = runs.nodes(recorded.getFirst().id());
        assertThat(nodes).hasSize(11).allSatisfy(node -> assertThat(node.state()).isEqualTo(NodeState.SUCCEEDED));
        assertThat(nodes).filteredOn(node -> node.nodeId().equals("report"))
                .singleElement().satisfies(node -> {
                    assertThat(node.nodeType()).isEqualTo("write_csv");
                    assertThat(node.rows()).isEqualTo(10);
                });
        // every node's start and end are kept within the run's, so its timeline outlives the live events
        RunRecord record = runs.get(recorded.getFirst().id());
        assertThat(nodes).allSatisfy(node -> {
            assertThat(node.finishedAt()).as(node.nodeId() + " ended").isNotNull()
                    .isBetween(record.startedAt(), record.finishedAt());
            if (node.startedAt() != null) {
                assertThat(node.startedAt()).as(node.nodeId() + " started").isBetween(record.startedAt(), node.finishedAt());
            }
        });
        assertThat(nodes).filteredOn(node -> node.startedAt() != null).as("nodes with a start of their own").isNotEmpty();
    }

    @Test
    void aRunOfAChangedFileIsNotRecordedAndSaysHowToRegisterIt() throws IOException {
        Path flow = salesFlow("catalog-changed");
        assertThat(flowfile("register", flow.toString()).exitCode()).isZero();
        Files.writeString(flow, Files.readString(flow) + "\n# edited after registering\n");
        Outcome run = flowfile("run", flow.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Flow 'catalog-changed' is registered, but this file is none of its versions",
                "makes it version 2").doesNotContain("Recorded in the catalog");
        assertThat(runs.listForFlow("catalog-changed", 10)).isEmpty();
        assertThat(flowfile("run", salesFlow("unknown-flow").toString()).out()).doesNotContain("catalog", "registered");
    }

    @Test
    void aFailedRunIsRecordedWithTheNodesError() throws IOException {
        Path flow = dir.resolve("failing.yaml");
        Files.writeString(flow, """
                flowfile: 1
                name: catalog-failing
                nodes:
                  - id: people
                    type: manual_input
                    settings:
                      columns: [{name: id, type: BIGINT}, {name: age, type: VARCHAR}]
                      rows: [[1, "42"], [2, "forty"]]
                  - id: years
                    type: formula
                    settings: {column: age_years, expression: "CAST(age AS INTEGER)"}
                  - id: out
                    type: write_csv
                    settings: {path: out.csv}
                edges:
                  - {from: people, to: years}
                  - {from: years, to: out}
                """);
        assertThat(flowfile("register", flow.toString()).exitCode()).isZero();
        Outcome run = flowfile("run", flow.toString());
        assertThat(run.exitCode()).isEqualTo(FlowfileCommand.RUN_FAILED);
        RunRecord recorded = runs.listForFlow("catalog-failing", 10).getFirst();
        assertThat(recorded.state()).isEqualTo(RunState.FAILED);
        assertThat(recorded.error()).isNotNull();
        assertThat(recorded.error().message()).contains("forty");
        assertThat(runs.nodes(recorded.id())).anySatisfy(node -> {
            assertThat(node.state()).isEqualTo(NodeState.FAILED);
            assertThat(node.error().message()).contains("forty");
        });
    }

    @Test
    void theCatalogCommandsShowFlowsVersionsRunsAndNodeResults() throws IOException {
        Path flow = salesFlow("catalog-shown");
        assertThat(flowfile("register", flow.toString()).exitCode()).isZero();
        Files.writeString(flow, Files.readString(flow) + "\n# version 2\n");
        assertThat(flowfile("register", flow.toString()).exitCode()).isZero();
        assertThat(flowfile("run", flow.toString()).exitCode()).isZero();
        RunRecord recorded = runs.listForFlow("catalog-shown", 1).getFirst();

        Outcome listed = flowfile("catalog", "flows");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).containsPattern("catalog-shown +2  " + flows.get("catalog-shown").latest().contentSha256().substring(0, 12));
        assertThat(flowfile("catalog", "versions", "catalog-shown").out().lines().skip(1))
                .hasSize(2).allSatisfy(line -> assertThat(line).contains("yaml"));
        assertThat(flowfile("catalog", "runs", "catalog-shown").out())
                .containsPattern(recorded.id() + " +2  cli +succeeded");
        Outcome shown = flowfile("catalog", "run", recorded.id().toString());
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Run " + recorded.id() + " of flow 'catalog-shown' version 2: succeeded (cli)")
                .containsPattern("report +write_csv +succeeded +10 ");
        assertThat(shown.out().lines().filter(line -> line.contains("succeeded")).count()).isEqualTo(12); // the run and its 11 nodes
    }

    @Test
    void theCatalogCommandsNameWhatTheyCannotFind() {
        Outcome flow = flowfile("catalog", "runs", "no-such-flow");
        assertThat(flow.exitCode()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(flow.err()).contains("no-such-flow");
        Outcome run = flowfile("catalog", "run", "not-a-uuid");
        assertThat(run.exitCode()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(run.err()).contains("'not-a-uuid' is not a run id");
        Outcome unknownRun = flowfile("catalog", "run", java.util.UUID.randomUUID().toString());
        assertThat(unknownRun.exitCode()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(unknownRun.err()).containsIgnoringCase("run");
        Outcome kernel = flowfile("catalog", "flow-artifacts", "no-such-kernel");
        assertThat(kernel.exitCode()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(kernel.err()).contains("no-such-kernel");
        assertThat(flowfile("catalog", "artifacts", "--tag", "no-such-tag").out()).contains("No global artifacts tagged no-such-tag");
    }

    @Test
    void aRunThatBreaksIsRecordedAsFailedNotLeftRunning() throws IOException {
        Path flow = salesFlow("catalog-crashed");
        assertThat(flowfile("register", flow.toString()).exitCode()).isZero();
        Catalog catalog = this.catalog;
        RunRecorder recorder = RunRecorder.start(catalog, flows.get("catalog-crashed").latest(), java.util.Map.of(), java.util.Map.of());
        assertThat(runs.get(recorder.run().id()).state()).isIn(RunState.QUEUED, RunState.RUNNING);
        assertThat(recorder.crashed(new IllegalStateException("stage task failed unexpectedly"))).isEmpty();
        RunRecord recorded = runs.get(recorder.run().id());
        assertThat(recorded.state()).isEqualTo(RunState.FAILED);
        assertThat(recorded.finishedAt()).isNotNull();
        assertThat(recorded.error().name()).isEqualTo("RUN_CRASHED");
        assertThat(recorded.error().message()).contains("stage task failed unexpectedly");
    }
}
