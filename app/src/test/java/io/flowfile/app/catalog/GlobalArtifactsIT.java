package io.flowfile.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.app.kernel.KernelPlane;
import io.flowfile.app.testing.Cli;
import io.flowfile.app.testing.Cli.Outcome;
import io.flowfile.catalog.api.FlowArtifactRecord;
import io.flowfile.catalog.api.GlobalArtifactRecord;
import io.flowfile.catalog.api.RunOutputRecord;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.artifact.FlowArtifactService;
import io.flowfile.catalog.artifact.GlobalArtifactService;
import io.flowfile.catalog.kernel.KernelCatalog;
import io.flowfile.catalog.run.RunOutputService;
import io.flowfile.catalog.run.RunService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Artifacts and displays end to end: a Python Script node on a real kernel publishes, reads, lists
 * and deletes global artifacts through the comm protocol, and the engine keeps them in the
 * application's catalog with their lineage; flow-scoped artifacts are recorded as the kernel tells of
 * them (and forgotten when a CLEAR kernel starts again); what a node displays is kept with its run.
 */
@QuarkusTest
class GlobalArtifactsIT {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static Path dir;

    @Inject
    GlobalArtifactService globals;

    @Inject
    RunService runs;

    @Inject
    RunOutputService runOutputs;

    @Inject
    FlowArtifactService flowArtifacts;

    @Inject
    KernelCatalog kernels;

    @BeforeAll
    static void defineKernel() throws Exception {
        dir = Files.createTempDirectory("flowfile-globals-it");
        for (String kernel : List.of("globals", "ml")) {
            Outcome defined = Cli.run(data(), "kernel", "--data-dir", data().toString(), "define", kernel, "--memory-gb", "1");
            assertThat(defined.exitCode()).as(defined.err()).isZero();
        }
        Outcome clearing = Cli.run(data(), "kernel", "--data-dir", data().toString(), "define", "clearing", "--memory-gb", "1",
                "--recovery", "clear");
        assertThat(clearing.exitCode()).as(clearing.err()).isZero();
    }

    @AfterAll
    static void stopKernel() {
        try (KernelPlane plane = KernelPlane.open(data(), java.util.Optional.of(io.quarkus.arc.Arc.container().instance(Catalog.class).get()))) {
            plane.manager().close();
        }
    }

    private static Path data() {
        return dir.resolve("data");
    }

    private static Path flow(String name, String... cells) throws Exception {
        return flowOn("globals", name, cells);
    }

    private static Path flowOn(String kernel, String name, String... cells) throws Exception {
        var text = new StringBuilder("flowfile: 1\nname: ").append(name).append("\nnodes:\n")
                .append("  - id: people\n    type: manual_input\n    settings:\n")
                .append("      columns: [{name: id, type: BIGINT}, {name: score, type: DOUBLE}]\n")
                .append("      rows: [[1, 0.5], [2, 1.5], [3, 2.5]]\n")
                .append("  - id: model\n    type: python_script\n    settings:\n      kernel_id: ").append(kernel)
                .append("\n      start_kernel: true\n      cells:\n");
        for (String cell : cells) {
            text.append("        - |\n");
            cell.lines().forEach(line -> text.append("          ").append(line).append('\n'));
        }
        text.append("edges:\n  - {from: people, to: model}\n");
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, text.toString());
        return file;
    }

    @Test
    void aRegisteredFlowPublishesReadsListsAndDeletesGlobalArtifacts() throws Exception {
        Path flow = flow("globals-publisher", """
                import flowfile
                frame = flowfile.read_input().collect()
                first = flowfile.publish_global("mean_score", {"mean": frame["score"].mean()}, description="mean of the scores", tags=["stats", "demo"])
                second = flowfile.publish_global("mean_score", {"mean": 42.0}, tags=["stats"])
                assert first != second, (first, second)
                assert flowfile.get_global("mean_score") == {"mean": 42.0}
                assert flowfile.get_global("mean_score", version=1) == {"mean": 1.5}
                import os
                from flowfile import _context
                copies = os.listdir(os.path.join(_context.get_context().exchange_dir, "from-engine"))
                assert len(copies) == 1, f"the engine keeps only the latest copy it placed: {copies}"
                listed = flowfile.list_global_artifacts(tags=["stats"])
                assert [(a.name, a.version) for a in listed] == [("mean_score", 2)], listed
                assert flowfile.list_global_artifacts(tags=["demo"]) == [], "only the latest version's tags count"
                flowfile.publish_global("scratch", [1, 2, 3])
                flowfile.delete_global_artifact("scratch")
                try:
                    flowfile.get_global("scratch")
                    raise AssertionError("scratch was not deleted")
                except flowfile.EngineError as e:
                    print("gone:", e)
                print("published", first)
                flowfile.publish_output(frame)""");
        assertThat(Cli.run(data(), "register", flow.toString()).exitCode()).isZero();
        Outcome run = Cli.run(data(), "run", flow.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("gone:", "scratch");

        RunRecord recorded = runs.listForFlow("globals-publisher", 1).getFirst();
        List<GlobalArtifactRecord> versions = globals.versions("mean_score");
        assertThat(versions).extracting(GlobalArtifactRecord::version).containsExactly(1, 2);
        GlobalArtifactRecord first = versions.getFirst();
        assertThat(run.out()).contains("published " + first.id());
        assertThat(first.description()).isEqualTo("mean of the scores");
        assertThat(first.tags()).containsExactly("demo", "stats");
        assertThat(first.pythonType()).isEqualTo("builtins.dict");
        assertThat(first.flowName()).isEqualTo("globals-publisher");
        assertThat(first.lineage().flowId()).isEqualTo(recorded.flowId());
        assertThat(first.lineage().flowVersion()).isEqualTo(1);
        assertThat(first.lineage().runId()).isEqualTo(recorded.id());
        assertThat(first.lineage().nodeId()).isEqualTo("model");
        assertThat(first.lineage().kernelId()).isEqualTo("globals");
        assertThat(first.sizeBytes()).isPositive();
        assertThat(globals.list(Set.of())).extracting(GlobalArtifactRecord::name).doesNotContain("scratch");
    }

    /** examples/ml: read CSV -> train a scikit-learn model, publish it, chart it, score -> write Parquet. */
    @Test
    void theChurnExampleTrainsPublishesAndScoresAndIsInTheCatalog() throws Exception {
        Path example = Files.createDirectories(dir.resolve("ml"));
        for (String file : List.of("churn-model.yaml", "customers.csv")) {
            Files.copy(EXAMPLES.resolve("ml").resolve(file), example.resolve(file));
        }
        Path flow = example.resolve("churn-model.yaml");
        assertThat(Cli.run(data(), "register", flow.toString()).out()).contains("Registered flow 'churn-model' version 1");
        Outcome run = Cli.run(data(), "run", flow.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("test accuracy", "published churn_model", "[display] What drives churn: ", "input  main      400 rows", "output main      400 rows",
                "Recorded in the catalog as a run of flow 'churn-model' version 1");

        RunRecord recorded = runs.listForFlow("churn-model", 1).getFirst();
        assertThat(recorded.state()).isEqualTo(io.flowfile.catalog.api.RunState.SUCCEEDED);
        assertThat(runs.nodes(recorded.id())).extracting(node -> node.nodeId() + ":" + node.rows())
                .containsExactlyInAnyOrder("customers:400", "train:400", "write:400");
        GlobalArtifactRecord model = globals.versions("churn_model").getLast();
        assertThat(model.pythonType()).isEqualTo("sklearn.ensemble._forest.RandomForestClassifier");
        assertThat(model.format()).isEqualTo(io.flowfile.catalog.api.ArtifactFormat.JOBLIB);
        assertThat(model.tags()).containsExactly("churn", "ml");
        assertThat(model.lineage().runId()).isEqualTo(recorded.id());
        assertThat(model.lineage().nodeId()).isEqualTo("train");
        List<RunOutputRecord> displays = runOutputs.list(recorded.id());
        assertThat(displays).extracting(RunOutputRecord::mimeType).containsExactlyInAnyOrder("image/png", "text/plain");
        assertThat(displays).allSatisfy(output -> {
            assertThat(output.seq()).isEqualTo(1);
            assertThat(output.nodeId()).isEqualTo("train");
            assertThat(output.title()).isEqualTo("What drives churn");
        });
        RunOutputRecord chart = displays.stream().filter(output -> output.mimeType().equals("image/png")).findFirst().orElseThrow();
        assertThat(chart.inline()).as("a chart of %d bytes is a blob", chart.sizeBytes()).isFalse();
        byte[] png = runOutputs.content(chart);
        assertThat(png).hasSize((int) chart.sizeBytes()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(displays).filteredOn(output -> output.mimeType().equals("text/plain")).singleElement()
                .satisfies(text -> assertThat(text.inline()).isTrue());
        assertThat(run.out()).contains("(1 display kept)");

        Path saved = dir.resolve("saved-displays");
        Outcome shown = Cli.run(data(), "catalog", "run", recorded.id().toString(), "--save-displays", saved.toString());
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Run " + recorded.id() + " of flow 'churn-model' version 1: succeeded",
                "What drives churn", "image/png", "blob " + chart.blobSha256().substring(0, 12), "text/plain");
        assertThat(Files.readAllBytes(saved.resolve("1-train.png"))).isEqualTo(png);
        Outcome versions = Cli.run(data(), "catalog", "artifacts", "churn_model");
        assertThat(versions.exitCode()).as(versions.err()).isZero();
        assertThat(versions.out()).contains("sklearn.ensemble._forest.RandomForestClassifier", "joblib",
                "flow 'churn-model' v1, run " + recorded.id() + ", node train", "tags churn, ml");
        try (var duckDb = io.flowfile.engine.duckdb.DuckDb.connect(new java.util.Properties());
             var rows = duckDb.createStatement().executeQuery("SELECT count(*), min(churn_probability) >= 0, max(churn_probability) <= 1 FROM read_parquet('"
                     + example.resolve("out/churn-scores.parquet") + "')")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(400);
            assertThat(rows.getBoolean(2)).isTrue();
            assertThat(rows.getBoolean(3)).isTrue();
        }
    }

    @Test
    void anUnregisteredFlowCannotPublish() throws Exception {
        Path flow = flow("globals-unregistered", """
                import flowfile
                flowfile.publish_global("nope", 1)""");
        Outcome run = Cli.run(data(), "run", flow.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains("NotRegisteredError", "publish_global needs a registered flow");
        assertThat(globals.list(Set.of())).extracting(GlobalArtifactRecord::name).doesNotContain("nope");
    }

    @Test
    void flowScopedArtifactsAreInTheCatalogAsTheKernelHoldsThem() throws Exception {
        Path flow = flowOn("clearing", "flow-artifacts", """
                import flowfile
                frame = flowfile.read_input().collect()
                flowfile.publish_artifact("scores", frame)
                flowfile.publish_artifact("settings", {"threshold": 0.5})
                flowfile.publish_artifact("scratch", [1, 2, 3])
                flowfile.delete_artifact("scratch")
                flowfile.display("<b>three artifacts published, one deleted</b>", title="artifacts")
                flowfile.publish_output(frame)""");
        assertThat(Cli.run(data(), "register", flow.toString()).exitCode()).isZero();
        Outcome run = Cli.run(data(), "run", flow.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

        List<FlowArtifactRecord> recorded = flowArtifacts.listOnKernel("clearing");
        assertThat(recorded).extracting(FlowArtifactRecord::name).containsExactly("scores", "settings");
        FlowArtifactRecord scores = recorded.getFirst();
        assertThat(scores.spec().flowName()).startsWith("flow-artifacts-");
        assertThat(scores.spec().nodeId()).isEqualTo("model");
        assertThat(scores.spec().pythonType()).isEqualTo("polars.dataframe.frame.DataFrame");
        assertThat(scores.spec().format()).isEqualTo(io.flowfile.catalog.api.ArtifactFormat.PARQUET);
        assertThat(scores.spec().sizeBytes()).isPositive();
        assertThat(recorded.get(1).spec().format()).isEqualTo(io.flowfile.catalog.api.ArtifactFormat.CLOUDPICKLE);
        assertThat(kernels.get("clearing").spec().recoveryMode()).isEqualTo(io.flowfile.catalog.api.KernelRecoveryMode.CLEAR);
        Outcome listed = Cli.run(data(), "catalog", "flow-artifacts", "clearing");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(scores.spec().flowName(), "scores", "settings", "polars.dataframe.frame.DataFrame", "parquet")
                .doesNotContain("scratch");
        RunRecord recordedRun = runs.listForFlow("flow-artifacts", 1).getFirst();
        assertThat(runOutputs.list(recordedRun.id())).extracting(RunOutputRecord::mimeType, RunOutputRecord::inline)
                .contains(org.assertj.core.groups.Tuple.tuple("text/html", true));

        // a kernel in CLEAR recovery mode deletes every artifact when it starts again: so does the catalog
        assertThat(Cli.run(data(), "kernel", "--data-dir", data().toString(), "stop", "clearing").exitCode()).isZero();
        Outcome started = Cli.run(data(), "kernel", "--data-dir", data().toString(), "start", "clearing");
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(flowArtifacts.listOnKernel("clearing")).isEmpty();
    }
}
