package io.flowfile.catalog.run;

import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.unique;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.api.DisplayOutput;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.RunOutputRecord;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.RunState;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.blob.BlobStore;
import io.flowfile.catalog.blob.BlobSweeper;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.internal.Sha256;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RunOutputService against a real database and blob store; H2 and PostgreSQL subclasses run it. */
public abstract class RunOutputServiceContract {

    @Inject
    BlobSweeper sweeper;

    @Inject
    FlowService flows;

    @Inject
    RunService runs;

    @Inject
    RunOutputService outputs;

    @Inject
    BlobStore blobs;

    private String flowName;

    private RunRecord runningRun() {
        flowName = unique("outputs");
        FlowVersionRecord version = flows.register(flowName, null, "{}".getBytes(UTF_8), "json");
        RunRecord run = runs.start(version.id(), RunTrigger.CLI, Map.of());
        return runs.markRunning(run.id());
    }

    /** Bytes no two calls share (a PNG's worth of noise). */
    private static byte[] image(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static DisplayOutput display(String node, String title, Object... mimeAndText) {
        Map<String, String> bundle = new LinkedHashMap<>();
        for (int i = 0; i < mimeAndText.length; i += 2) {
            bundle.put((String) mimeAndText[i], (String) mimeAndText[i + 1]);
        }
        return new DisplayOutput(node, title, bundle);
    }

    @Test
    void smallRepresentationsAreKeptInlineInOrder() {
        RunRecord run = runningRun();
        byte[] png = image(200, 1);

        List<RunOutputRecord> first = outputs.record(run.id(), display("python", "scores", "text/html", "<b>0.8</b>", "text/plain", "0.8"));
        List<RunOutputRecord> second = outputs.record(run.id(), display("python", null,
                "image/png", Base64.getEncoder().encodeToString(png), "text/plain", "<Figure>"));

        assertThat(first).extracting(RunOutputRecord::seq).containsExactly(1, 1);
        assertThat(second).extracting(RunOutputRecord::seq).containsExactly(2, 2);
        List<RunOutputRecord> kept = outputs.list(run.id());
        assertThat(kept).extracting(RunOutputRecord::seq, RunOutputRecord::mimeType, RunOutputRecord::title, RunOutputRecord::inline)
                .containsExactly(
                        tuple(1, "text/html", "scores", true),
                        tuple(1, "text/plain", "scores", true),
                        tuple(2, "image/png", null, true),
                        tuple(2, "text/plain", null, true));
        assertThat(outputs.content(kept.get(0))).isEqualTo("<b>0.8</b>".getBytes(UTF_8));
        assertThat(kept.get(2).sizeBytes()).isEqualTo(200);
        assertThat(outputs.content(kept.get(2))).isEqualTo(png); // a base64 image comes back as its bytes
        assertThat(kept).allSatisfy(output -> assertThat(output.blobSha256()).isNull());
    }

    @Test
    void representationsOf8KbOrMoreAreBlobsByTheirHashAndStoredOnce() throws Exception {
        RunRecord run = runningRun();
        byte[] png = image(50_000, 2);
        String base64 = Base64.getEncoder().encodeToString(png);
        String html = "<p>" + "x".repeat(RunOutputRecord.INLINE_LIMIT) + "</p>";
        String justUnder = "y".repeat(RunOutputRecord.INLINE_LIMIT - 1);

        RunOutputRecord chart = outputs.record(run.id(), display("python", "importance", "image/png", base64)).getFirst();
        RunOutputRecord again = outputs.record(run.id(), display("python", "importance", "image/png", base64)).getFirst();
        List<RunOutputRecord> text = outputs.record(run.id(), display("other", null, "text/html", html, "text/plain", justUnder));

        assertThat(chart.inline()).isFalse();
        assertThat(chart.blobSha256()).isEqualTo(Sha256.of(png)); // the blob is the PNG itself
        assertThat(chart.sizeBytes()).isEqualTo(50_000);
        assertThat(Files.readAllBytes(blobs.path(chart.blobSha256()))).isEqualTo(png);
        assertThat(again.seq()).isEqualTo(2);
        assertThat(again.blobSha256()).isEqualTo(chart.blobSha256());
        assertThat(blobs.list()).filteredOn(blob -> blob.sha256().equals(chart.blobSha256())).hasSize(1);
        assertThat(outputs.content(chart)).isEqualTo(png);
        assertThat(text.get(0).inline()).isFalse();
        assertThat(text.get(0).blobSha256()).isEqualTo(Sha256.of(html.getBytes(UTF_8)));
        assertThat(outputs.content(text.get(0))).isEqualTo(html.getBytes(UTF_8));
        assertThat(text.get(1).inline()).isTrue();
        assertThat(text.get(1).inlineData()).isEqualTo(justUnder);
    }

    @Test
    void aDamagedOrMissingBlobIsAnErrorNeverWrongContent() throws Exception {
        RunRecord run = runningRun();
        String base64 = Base64.getEncoder().encodeToString(image(20_000, 3));
        RunOutputRecord chart = outputs.record(run.id(), display("python", null, "image/png", base64)).getFirst();

        Files.writeString(blobs.path(chart.blobSha256()), "tampered");
        assertCatalogError(() -> outputs.content(chart), CatalogErrorCode.CHECKSUM_MISMATCH);
        Files.delete(blobs.path(chart.blobSha256()));
        assertCatalogError(() -> outputs.content(chart), CatalogErrorCode.BLOB_NOT_FOUND);
    }

    @Test
    void theSweepKeepsBlobsARunNamesAndDeletesThemWithTheRuns() {
        RunRecord run = runningRun();
        String base64 = Base64.getEncoder().encodeToString(image(30_000, 4));
        RunOutputRecord chart = outputs.record(run.id(), display("python", null, "image/png", base64)).getFirst();

        sweeper.sweep(Duration.ZERO);
        assertThat(blobs.path(chart.blobSha256())).exists();

        runs.finish(run.id(), RunState.SUCCEEDED, null);
        runs.deleteForFlow(flowName);
        sweeper.sweep(Duration.ZERO);
        assertThat(blobs.path(chart.blobSha256())).doesNotExist();
    }

    @Test
    void badDisplaysAreRefusedNamingWhatIsWrong() {
        RunRecord run = runningRun();

        assertCatalogError(() -> outputs.record(run.id(), display("python", null, "image/png", "not base64 at all!")),
                CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("image/png of a display of node 'python' is not base64");
        assertCatalogError(() -> display("python", null, "no-slash", "x"), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("MIME type");
        assertCatalogError(() -> display("python", null), CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("empty MIME bundle");
        assertCatalogError(() -> display("../x", null, "text/plain", "x"), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> outputs.record(UUID.randomUUID(), display("python", null, "text/plain", "x")),
                CatalogErrorCode.RUN_NOT_FOUND);
        runs.finish(run.id(), RunState.FAILED, null);
        assertCatalogError(() -> outputs.record(run.id(), display("python", null, "text/plain", "late")),
                CatalogErrorCode.RUN_ALREADY_FINISHED).hasMessageContaining("keeps no more displays");
        assertThat(outputs.list(run.id())).isEmpty();
    }
}
