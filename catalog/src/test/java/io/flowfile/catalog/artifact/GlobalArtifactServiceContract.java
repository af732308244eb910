package io.flowfile.catalog.artifact;

import static io.flowfile.catalog.testing.BeforeStatement.interleave;
import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.assertInvalidArguments;
import static io.flowfile.catalog.testing.CatalogAssertions.inParallel;
import static io.flowfile.catalog.testing.CatalogAssertions.unique;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.api.ArtifactFormat;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.GlobalArtifactRecord;
import io.flowfile.catalog.api.Lineage;
import io.flowfile.catalog.api.PublishRequest;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.api.StoredGlobalArtifact;
import io.flowfile.catalog.blob.BlobStore;
import io.flowfile.catalog.blob.BlobSweeper;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.internal.Sha256;
import io.flowfile.catalog.internal.Times;
import io.flowfile.catalog.run.RunService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GlobalArtifactService (and its blobs) against a real database; H2 and PostgreSQL subclasses run it. */
public abstract class GlobalArtifactServiceContract {

    @Inject
    BlobSweeper sweeper;

    @Inject
    GlobalArtifactService artifacts;

    @Inject
    FlowService flows;

    @Inject
    RunService runs;

    @Inject
    BlobStore blobs;

    @Inject
    GlobalArtifactRepository names;

    @TempDir
    Path files;

    private FlowVersionRecord flow;
    private RunRecord run;

    @BeforeEach
    void registerAndRunAFlow() {
        flow = flows.register(unique("training"), null, "{}".getBytes(UTF_8), "json");
        run = runs.start(flow.id(), RunTrigger.MANUAL, Map.of());
    }

    private Lineage lineage() {
        return new Lineage(flow.flowId(), flow.version(), run.id(), "train", "default");
    }

    private Path file(String content) throws IOException {
        return Files.writeString(Files.createTempFile(files, "artifact", ".bin"), content);
    }

    private PublishRequest request(String content, List<String> tags) throws IOException {
        Path file = file(content);
        return new PublishRequest("sklearn.linear_model.Ridge", ArtifactFormat.JOBLIB, Files.size(file), Sha256.of(Files.readAllBytes(file)),
                "a model", tags, lineage(), file);
    }

    @Test
    void everyPublishMakesTheNextVersion() throws IOException {
        String name = unique("model");

        GlobalArtifactRecord one = artifacts.publish(name, request("v1", List.of("ml", "prod")));
        GlobalArtifactRecord two = artifacts.publish(name, request("v2", List.of()));
        GlobalArtifactRecord three = artifacts.publish(name, request("v1", List.of("ml")));

        assertThat(List.of(one, two, three)).extracting(GlobalArtifactRecord::version).containsExactly(1, 2, 3);
        assertThat(one.name()).isEqualTo(name);
        assertThat(one.tags()).containsExactly("ml", "prod");
        assertThat(one.pythonType()).isEqualTo("sklearn.linear_model.Ridge");
        assertThat(one.format()).isEqualTo(ArtifactFormat.JOBLIB);
        assertThat(one.sizeBytes()).isEqualTo(2);
        assertThat(one.sha256()).isEqualTo(Sha256.of("v1".getBytes(UTF_8)));
        assertThat(one.description()).isEqualTo("a model");
        assertThat(one.flowName()).isEqualTo(flow.name());
        assertThat(one.lineage()).isEqualTo(lineage());
        assertThat(artifacts.versions(name)).containsExactly(one, two, three);
    }

    @Test
    void getGivesTheLatestOrTheAskedVersionWithItsBlob() throws IOException {
        String name = unique("scaler");
        GlobalArtifactRecord one = artifacts.publish(name, request("first", List.of()));
        GlobalArtifactRecord two = artifacts.publish(name, request("second", List.of()));

        StoredGlobalArtifact latest = artifacts.get(name, Optional.empty());
        StoredGlobalArtifact first = artifacts.get(name, Optional.of(1));

        assertThat(latest.artifact()).isEqualTo(two);
        assertThat(Files.readString(latest.blob())).isEqualTo("second");
        assertThat(latest.blob()).isEqualTo(blobs.path(two.sha256()));
        assertThat(first.artifact()).isEqualTo(one);
        assertThat(Files.readString(first.blob())).isEqualTo("first");
        assertCatalogError(() -> artifacts.get(name, Optional.of(5)), CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND)
                .hasMessageContaining("global artifact '" + name + "' has no version 5; its versions are [1, 2]");
        assertCatalogError(() -> artifacts.get("nothing-here", Optional.empty()), CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND)
                .hasMessageContaining("no global artifact is named 'nothing-here'");
    }

    @Test
    void listGivesTheLatestVersionOfEachNameCarryingAllTags() throws IOException {
        String tag = unique("team");
        String both = unique("both");
        String onlyTeam = unique("only-team");
        String droppedTag = unique("dropped");
        artifacts.publish(both, request("a", List.of(tag, "prod")));
        GlobalArtifactRecord bothLatest = artifacts.publish(both, request("b", List.of("prod", tag, "extra")));
        GlobalArtifactRecord onlyTeamLatest = artifacts.publish(onlyTeam, request("c", List.of(tag)));
        artifacts.publish(droppedTag, request("d", List.of(tag, "prod")));
        GlobalArtifactRecord droppedLatest = artifacts.publish(droppedTag, request("e", List.of("prod")));

        assertThat(artifacts.list(Set.of(tag, "prod"))).containsExactly(bothLatest);
        assertThat(artifacts.list(Set.of(tag))).containsExactlyInAnyOrder(bothLatest, onlyTeamLatest);
        assertThat(artifacts.list(Set.of(tag, "no-such-tag"))).isEmpty();
        assertThat(artifacts.list(Set.of())).contains(bothLatest, onlyTeamLatest, droppedLatest)
                .extracting(GlobalArtifactRecord::name).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void deleteOneVersionOrAll() throws IOException {
        String name = unique("churn");
        artifacts.publish(name, request("1", List.of()));
        GlobalArtifactRecord two = artifacts.publish(name, request("2", List.of()));
        artifacts.publish(name, request("3", List.of()));

        assertThat(artifacts.delete(name, Optional.of(3))).isEqualTo(1);
        assertThat(artifacts.get(name, Optional.empty()).artifact()).isEqualTo(two);
        // numbers are not handed out again while the name has versions
        assertThat(artifacts.publish(name, request("4", List.of())).version()).isEqualTo(4);
        assertCatalogError(() -> artifacts.delete(name, Optional.of(3)), CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND)
                .hasMessageContaining("has no version 3; its versions are [1, 2, 4]");

        assertThat(artifacts.delete(name, Optional.empty())).isEqualTo(3);
        assertCatalogError(() -> artifacts.get(name, Optional.empty()), CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND);
        assertCatalogError(() -> artifacts.delete(name, Optional.empty()), CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND);
        assertThat(artifacts.publish(name, request("again", List.of())).version()).isEqualTo(1);

        String single = unique("single");
        artifacts.publish(single, request("only", List.of()));
        assertThat(artifacts.delete(single, Optional.of(1))).isEqualTo(1);
        assertThat(artifacts.list(Set.of())).extracting(GlobalArtifactRecord::name).doesNotContain(single);
        assertThat(artifacts.publish(single, request("only", List.of())).version()).isEqualTo(1);
    }

    @Test
    void publishingWithoutARegisteredFlowIsRefused() throws IOException {
        String content = unique("unregistered content");
        Path file = file(content);
        String sha256 = Sha256.of(content.getBytes(UTF_8));
        PublishRequest noLineage = new PublishRequest("dict", ArtifactFormat.CLOUDPICKLE, Files.size(file), null, null, null, null, file);
        PublishRequest unknownFlow = new PublishRequest("dict", ArtifactFormat.CLOUDPICKLE, Files.size(file), null, null, null,
                new Lineage(java.util.UUID.randomUUID(), 1, null, null, null), file);
        PublishRequest unknownVersion = new PublishRequest("dict", ArtifactFormat.CLOUDPICKLE, Files.size(file), null, null, null,
                new Lineage(flow.flowId(), 7, null, null, null), file);

        assertCatalogError(() -> artifacts.publish("orphan", noLineage), CatalogErrorCode.UNREGISTERED_FLOW)
                .hasMessage("publishing global artifact 'orphan' needs a registered flow: register the flow in the catalog"
                        + " and run it from there");
        assertCatalogError(() -> artifacts.publish("orphan", unknownFlow), CatalogErrorCode.UNREGISTERED_FLOW)
                .hasMessageContaining("register the flow in the catalog");
        assertCatalogError(() -> artifacts.publish("orphan", unknownVersion), CatalogErrorCode.UNREGISTERED_FLOW)
                .hasMessageContaining(flow.flowId() + " version 7 is not registered");
        assertCatalogError(() -> artifacts.get("orphan", Optional.empty()), CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND);
        assertThat(artifacts.list(Set.of())).extracting(GlobalArtifactRecord::name).doesNotContain("orphan");
        // the blob was stored before the lineage was checked; nothing names it, so the sweep takes it
        assertThat(blobs.path(sha256)).exists();
        sweeper.sweep(Duration.ZERO);
        assertThat(blobs.path(sha256)).doesNotExist();
    }

    @Test
    void theLineageRunMustHaveRunThatFlowVersion() throws IOException {
        FlowVersionRecord two = flows.register(flow.name(), null, "{\"changed\": true}".getBytes(UTF_8), "json");
        Path file = file("x");
        PublishRequest wrongVersion = new PublishRequest("int", ArtifactFormat.CLOUDPICKLE, 1, null, null, null,
                new Lineage(two.flowId(), 2, run.id(), null, null), file);
        PublishRequest noSuchRun = new PublishRequest("int", ArtifactFormat.CLOUDPICKLE, 1, null, null, null,
                new Lineage(two.flowId(), 2, java.util.UUID.randomUUID(), null, null), file);

        assertCatalogError(() -> artifacts.publish("x", wrongVersion), CatalogErrorCode.LINEAGE_MISMATCH)
                .hasMessageContaining("that run ran version 1 of that flow");
        assertCatalogError(() -> artifacts.publish("x", noSuchRun), CatalogErrorCode.LINEAGE_MISMATCH)
                .hasMessageContaining("which does not exist");
        PublishRequest withoutRun = new PublishRequest("int", ArtifactFormat.CLOUDPICKLE, 1, null, null, null,
                new Lineage(two.flowId(), 2, null, null, null), file);
        assertThat(artifacts.publish(unique("x"), withoutRun).lineage().runId()).isNull();
    }

    @Test
    void aFileThatDoesNotMatchItsChecksumOrSizeIsRefused() throws IOException {
        String name = unique("damaged");
        Path file = file("the real content");
        PublishRequest wrongSha = new PublishRequest("bytes", ArtifactFormat.CLOUDPICKLE, Files.size(file), "0".repeat(64), null, null,
                lineage(), file);
        PublishRequest wrongSize = new PublishRequest("bytes", ArtifactFormat.CLOUDPICKLE, 3, null, null, null, lineage(), file);

        assertCatalogError(() -> artifacts.publish(name, wrongSha), CatalogErrorCode.CHECKSUM_MISMATCH)
                .hasMessageContaining("not the expected " + "0".repeat(64));
        assertCatalogError(() -> artifacts.publish(name, wrongSize), CatalogErrorCode.CHECKSUM_MISMATCH)
                .hasMessageContaining("has 16 bytes, but the publisher said 3");
        assertCatalogError(() -> artifacts.get(name, Optional.empty()), CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND);
        assertThat(blobs.path(Sha256.of("the real content".getBytes(UTF_8)))).doesNotExist();
    }

    @Test
    void equalContentSharesOneBlobThatTheSweepKeepsWhileNamed() throws IOException {
        String content = unique("shared bytes");
        String sha256 = Sha256.of(content.getBytes(UTF_8));
        String first = unique("first");
        String second = unique("second");
        artifacts.publish(first, request(content, List.of()));
        artifacts.publish(second, request(content, List.of()));
        assertThat(blobs.list()).filteredOn(blob -> blob.sha256().equals(sha256)).hasSize(1);

        artifacts.delete(first, Optional.empty());
        sweeper.sweep(Duration.ZERO);
        assertThat(blobs.path(sha256)).exists();
        assertThat(Files.readString(artifacts.get(second, Optional.empty()).blob())).isEqualTo(content);

        artifacts.delete(second, Optional.empty());
        assertThat(sweeper.sweep()).isZero(); // too young for the grace period: a publish may be about to name it
        assertThat(blobs.path(sha256)).exists();
        assertThat(sweeper.sweep(Duration.ZERO)).isGreaterThanOrEqualTo(1);
        assertThat(blobs.path(sha256)).doesNotExist();
    }

    @Test
    void aMissingBlobIsReported() throws IOException {
        String name = unique("lost");
        GlobalArtifactRecord published = artifacts.publish(name, request(unique("lost content"), List.of()));
        Files.delete(blobs.path(published.sha256()));

        assertCatalogError(() -> artifacts.get(name, Optional.empty()), CatalogErrorCode.BLOB_NOT_FOUND)
                .hasMessageContaining("blob " + published.sha256() + " is missing");
    }

    @Test
    void aDamagedBlobIsNotHandedOut() throws IOException {
        String name = unique("damaged-blob");
        GlobalArtifactRecord published = artifacts.publish(name, request(unique("intact content"), List.of()));
        Files.writeString(blobs.path(published.sha256()), "tampered");

        assertCatalogError(() -> artifacts.get(name, Optional.empty()), CatalogErrorCode.CHECKSUM_MISMATCH)
                .hasMessageContaining("is damaged: its content has SHA-256 " + Sha256.of("tampered".getBytes(UTF_8)));
    }

    @Test
    void aSweepKeepsABlobThatAVersionCommittedAfterTheListingNames() throws IOException {
        String content = unique("named again");
        String sha256 = Sha256.of(content.getBytes(UTF_8));
        String first = unique("first");
        artifacts.publish(first, request(content, List.of()));
        artifacts.delete(first, Optional.empty());
        makeOld(sha256);
        String second = unique("second");

        // the sweep lists the old, unnamed blob; then a version naming it commits. The blob is made old again,
        // as if that publish had stored it long ago: only the order of the sweep's steps can keep it now
        sweeper.sweep(Duration.ofHours(1), () -> {
            publishQuietly(second, content);
            makeOldQuietly(sha256);
        });

        assertThat(blobs.path(sha256)).exists();
        assertThat(Files.readString(artifacts.get(second, Optional.empty()).blob())).isEqualTo(content);
    }

    @Test
    void aSweepKeepsABlobStoredAgainAfterTheListingBeforeItsVersionCommits() throws IOException {
        String content = unique("stored again");
        String sha256 = Sha256.of(content.getBytes(UTF_8));
        String name = unique("late");
        artifacts.publish(name, request(content, List.of()));
        artifacts.delete(name, Optional.empty());
        makeOld(sha256);
        Path again = file(content);

        // the sweep lists the old blob; a publish stores the content again, but has not committed its version yet
        sweeper.sweep(Duration.ofHours(1), () -> blobs.put(again, sha256, content.length()));

        assertThat(blobs.path(sha256)).exists();
        assertThat(artifacts.publish(name, request(content, List.of())).sha256()).isEqualTo(sha256);
        assertThat(Files.readString(artifacts.get(name, Optional.empty()).blob())).isEqualTo(content);
    }

    @Test
    void aFirstPublishThatLeftAnEmptyNameIsNotShown() throws IOException {
        // what a first publish that failed after creating the name's row leaves behind
        String name = unique("empty");
        QuarkusTransaction.requiringNew().run(() -> names.persist(new GlobalArtifactEntity(name, Times.now())));

        assertCatalogError(() -> artifacts.get(name, Optional.empty()), CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND)
                .hasMessage("no global artifact is named '" + name + "'");
        assertCatalogError(() -> artifacts.versions(name), CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND);
        assertCatalogError(() -> artifacts.delete(name, Optional.empty()), CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND);
        assertThat(artifacts.list(Set.of())).extracting(GlobalArtifactRecord::name).doesNotContain(name);

        assertThat(artifacts.publish(name, request("first", List.of())).version()).isEqualTo(1);
        assertThat(artifacts.versions(name)).hasSize(1);
    }

    private void makeOld(String sha256) throws IOException {
        Files.setLastModifiedTime(blobs.path(sha256), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    }

    private void makeOldQuietly(String sha256) {
        try {
            makeOld(sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void publishQuietly(String name, String content) {
        try {
            artifacts.publish(name, request(content, List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theLineageOutlivesItsFlow() throws IOException {
        String name = unique("survivor");
        artifacts.publish(name, request("kept", List.of()));

        runs.deleteForFlow(flow.name());
        flows.delete(flow.name());

        GlobalArtifactRecord kept = artifacts.get(name, Optional.empty()).artifact();
        assertThat(kept.flowName()).isEqualTo(flow.name());
        assertThat(kept.lineage()).isEqualTo(new Lineage(null, 1, null, "train", "default"));
    }

    @Test
    void concurrentPublishesOfANewNameGetVersionsOneToN() throws Exception {
        String name = unique("contended");
        int threads = 4;
        int each = 5;
        List<PublishRequest> requests = new ArrayList<>();
        for (int i = 0; i < threads * each; i++) {
            requests.add(request("content " + i, List.of("t" + i)));
        }

        List<Integer> versions = inParallel(threads, thread -> requests.subList(thread * each, (thread + 1) * each).stream()
                .map(request -> artifacts.publish(name, request).version()).toList());

        assertThat(versions).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, threads * each).boxed().toList());
        assertThat(artifacts.versions(name)).hasSize(threads * each);
    }

    @Test
    void readsAreKeptPerNodeAndVersionAndWhatANodePublishedIsFound() throws Exception {
        String name = unique("read");
        GlobalArtifactRecord one = artifacts.publish(name, request("r1", List.of()));
        GlobalArtifactRecord two = artifacts.publish(name, request("r2", List.of()));
        String scope = unique("scoring") + "-0a1b2c3d";

        artifacts.recordRead(one.id(), scope, "score", "default");
        artifacts.recordRead(one.id(), scope, "score", "default");
        artifacts.recordRead(two.id(), scope, "score", "other");
        artifacts.recordRead(two.id(), scope, "elsewhere", "default");
        artifacts.recordRead(two.id(), unique("other-flow"), "score", "default");

        List<io.flowfile.catalog.api.GlobalArtifactRead> reads = artifacts.readBy(scope, "score", "default");
        assertThat(reads).extracting(read -> read.artifact().version(), io.flowfile.catalog.api.GlobalArtifactRead::count,
                        io.flowfile.catalog.api.GlobalArtifactRead::kernelId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2L, "default"));
        assertThat(reads.getFirst().artifact()).isEqualTo(one);
        // another user's kernel: a same-named draft has the same flow scope, but its reads are its own
        assertThat(artifacts.readBy(scope, "score", "other")).extracting(read -> read.artifact().version(),
                io.flowfile.catalog.api.GlobalArtifactRead::count).containsExactly(org.assertj.core.groups.Tuple.tuple(2, 1L));
        artifacts.recordRead(one.id(), scope, "score", "other");
        assertThat(artifacts.readBy(scope, "score", "default")).extracting(io.flowfile.catalog.api.GlobalArtifactRead::count)
                .containsExactly(2L);

        // concurrent first reads of one version by one node end in one row
        String raced = unique("raced") + "-0a1b2c3d";
        inParallel(4, thread -> {
            for (int i = 0; i < 5; i++) {
                artifacts.recordRead(one.id(), raced, "score", "default");
            }
            return List.of();
        });
        assertThat(artifacts.readBy(raced, "score", "default")).singleElement().satisfies(read -> assertThat(read.count()).isEqualTo(20));

        assertThat(artifacts.publishedBy(flow.name(), "train")).contains(one, two);
        assertThat(artifacts.publishedBy(flow.name(), "elsewhere")).isEmpty();

        assertCatalogError(() -> artifacts.recordRead(java.util.UUID.randomUUID(), scope, "score", "default"),
                CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND).hasMessageContaining("does not exist");
        // deleting the artifact takes its reads with it
        artifacts.delete(name, Optional.empty());
        assertThat(artifacts.readBy(scope, "score", "default")).isEmpty();
    }

    @Test
    void badRequestsNameTheField() {
        Path file = files.resolve("nothing");
        PublishRequest missingFile = new PublishRequest("t", ArtifactFormat.PARQUET, 1, null, null, null, lineage(), file);
        assertCatalogError(() -> artifacts.publish("ok", missingFile), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("blob file " + file + " does not exist");
        assertCatalogError(() -> artifacts.publish("../escape", missingFile), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("artifact name must be");
        assertCatalogError(() -> artifacts.publish("ok", null), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("publish request for global artifact 'ok' is missing");
    }


    /** Deletes the flow of the lineage with its runs, as a user may while a publish is under way. */
    private void deleteFlowAndRuns() {
        runs.deleteForFlow(flow.name());
        flows.delete(flow.name());
    }

    /** Publishes {@code request} while its lineage's flow and runs are deleted after the checks: {@code code}, naming {@code named}. */
    private void assertLineageDeletedWhilePublishing(PublishRequest request, CatalogErrorCode code, String named) {
        String name = unique("lineage-deleted");
        assertCatalogError(() -> interleave("insert into global_artifact_versions", this::deleteFlowAndRuns,
                () -> artifacts.publish(name, request)), code).hasMessageContaining(named);
        assertCatalogError(() -> artifacts.versions(name), CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND);
    }

    @Test
    void aPublishWhoseRunIsDeletedAfterTheCheckIsLineageMismatch() throws IOException {
        assertLineageDeletedWhilePublishing(request("v1", List.of("ml")), CatalogErrorCode.LINEAGE_MISMATCH, run.id().toString());
    }

    @Test
    void aPublishWhoseFlowVersionIsDeletedAfterTheCheckIsUnregisteredFlow() throws IOException {
        Path file = file("v1");
        PublishRequest request = new PublishRequest("int", ArtifactFormat.CLOUDPICKLE, Files.size(file), Sha256.of(Files.readAllBytes(file)),
                null, List.of(), new Lineage(flow.flowId(), flow.version(), null, "train", "default"), file);
        assertLineageDeletedWhilePublishing(request, CatalogErrorCode.UNREGISTERED_FLOW, flow.flowId().toString());
    }

    @Test
    void aReadOfAVersionDeletedAfterTheCheckIsGlobalArtifactNotFound() throws IOException {
        String name = unique("read-while-deleted");
        GlobalArtifactRecord one = artifacts.publish(name, request("v1", List.of()));

        assertCatalogError(() -> interleave("insert into global_artifact_reads", () -> artifacts.delete(name, Optional.empty()), () -> {
            artifacts.recordRead(one.id(), unique("scope"), "score", "default");
            return null;
        }), CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND).hasMessageContaining(one.id().toString());
    }


    @Test
    void nullArgumentsAreInvalidArguments() {
        String name = unique("nulls");

        assertInvalidArguments(() -> artifacts.publish(name, null), () -> artifacts.get(null, Optional.empty()), () -> artifacts.get(name, null),
                () -> artifacts.versions(null), () -> artifacts.delete(null, Optional.empty()), () -> artifacts.delete(name, null),
                () -> artifacts.recordRead(null, "scope", "node", "default"), () -> artifacts.readBy(null, "node", "default"),
                () -> artifacts.readBy("scope", null, "default"), () -> artifacts.readBy("scope", "node", null),
                () -> artifacts.publishedBy(null, "node"), () -> artifacts.publishedBy(flow.name(), null), () -> sweeper.sweep(null));
    }
}
