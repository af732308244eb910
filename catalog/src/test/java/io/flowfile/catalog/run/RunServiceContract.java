package io.flowfile.catalog.run;

import static io.flowfile.catalog.testing.BeforeStatement.interleave;
import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.assertInvalidArguments;
import static io.flowfile.catalog.testing.CatalogAssertions.unique;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.NodeResult;
import io.flowfile.catalog.api.NodeState;
import io.flowfile.catalog.api.RunError;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.RunState;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.flow.FlowService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** RunService against a real database; H2 and PostgreSQL subclasses run it. */
public abstract class RunServiceContract {

    @Inject
    FlowService flows;

    @Inject
    RunService runs;

    private FlowVersionRecord registered(String name, String content) {
        return flows.register(name, null, content.getBytes(UTF_8), "json");
    }

    private static NodeResult node(String id, NodeState state, long rows) {
        return new NodeResult(id, "filter", state, rows, rows < 0 ? -1 : 12, null, false);
    }

    @Test
    void startRecordsAQueuedRunOfTheExactVersion() {
        FlowVersionRecord one = registered(unique("runs"), "{}");

        RunRecord run = runs.start(one.id(), RunTrigger.SCHEDULE, Map.of("region", "emea", "limit", "10"));

        assertThat(run.state()).isEqualTo(RunState.QUEUED);
        assertThat(run.flowId()).isEqualTo(one.flowId());
        assertThat(run.flowVersionId()).isEqualTo(one.id());
        assertThat(run.flowVersion()).isEqualTo(1);
        assertThat(run.trigger()).isEqualTo(RunTrigger.SCHEDULE);
        assertThat(run.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("region", "emea", "limit", "10"));
        assertThat(run.queuedAt()).isNotNull();
        assertThat(run.startedAt()).isNull();
        assertThat(run.finishedAt()).isNull();
        assertThat(runs.get(run.id())).isEqualTo(run);
    }

    @Test
    void aRunNamesTheUserWhoStartedItAndListsFilterByThem() {
        String name = unique("who ran");
        FlowVersionRecord one = registered(name, "{}");
        RunRecord alices = runs.start(one.id(), RunTrigger.API, Map.of(), "alice");
        RunRecord bobs = runs.start(one.id(), RunTrigger.API, Map.of(), "bob");
        RunRecord nobodys = runs.start(one.id(), RunTrigger.CLI, Map.of());
        RunRecord alicesSecond = runs.start(one.id(), RunTrigger.API, Map.of(), "alice");

        assertThat(alices.startedBy()).isEqualTo("alice");
        assertThat(nobodys.startedBy()).isNull();
        assertThat(runs.get(bobs.id()).startedBy()).isEqualTo("bob");
        assertThat(runs.finish(alices.id(), RunState.SUCCEEDED, null).startedBy()).isEqualTo("alice");
        assertThat(runs.listForFlow(name, 10, Optional.of("alice"))).extracting(RunRecord::id)
                .containsExactly(alicesSecond.id(), alices.id());
        assertThat(runs.listForFlow(name, 1, Optional.of("alice"))).extracting(RunRecord::id).containsExactly(alicesSecond.id());
        assertThat(runs.listForFlow(name, 10, Optional.of("carol"))).isEmpty();
        assertThat(runs.listForFlow(name, 10, Optional.empty())).extracting(RunRecord::id)
                .containsExactlyInAnyOrder(alices.id(), bobs.id(), nobodys.id(), alicesSecond.id());
        assertCatalogError(() -> runs.start(one.id(), RunTrigger.API, Map.of(), "no such/user"), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("user who started the run must be");
        assertCatalogError(() -> runs.listForFlow(name, 0, Optional.of("alice")), CatalogErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aCancelRequestIsSeenForRunsNotEndedOnly() {
        FlowVersionRecord one = registered(unique("cancel"), "{}");
        UUID open = runs.start(one.id(), RunTrigger.MANUAL, null).id();
        UUID ended = runs.start(one.id(), RunTrigger.MANUAL, null).id();
        UUID quiet = runs.start(one.id(), RunTrigger.MANUAL, null).id();
        runs.finish(ended, RunState.SUCCEEDED, null);

        assertThat(runs.requestCancel(open, "a newer tick started")).isTrue();
        assertThat(runs.requestCancel(ended, "too late")).isFalse();
        assertThat(runs.requestCancel(UUID.randomUUID(), "no such run")).isFalse();

        assertThat(runs.cancelRequested(java.util.List.of(open, ended, quiet))).containsExactly(java.util.Map.entry(open, "a newer tick started"));
        runs.finish(open, RunState.CANCELLED, null);
        assertThat(runs.cancelRequested(java.util.List.of(open))).isEmpty();
        assertThat(runs.cancelRequested(java.util.List.of())).isEmpty();
    }

    @Test
    void theRunsOfAServerThatIsNoLongerAliveEndAsFailed() {
        FlowVersionRecord one = registered(unique("orphans"), "{}");
        String dead = "dead-" + UUID.randomUUID();
        String alive = "alive-" + UUID.randomUUID();
        UUID orphan = runs.start(one.id(), RunTrigger.API, null, null, null, dead).id();
        runs.markRunning(orphan);
        UUID ended = runs.start(one.id(), RunTrigger.API, null, null, null, dead).id();
        runs.markRunning(ended);
        runs.finish(ended, RunState.SUCCEEDED, null);
        UUID living = runs.start(one.id(), RunTrigger.API, null, null, null, alive).id();
        runs.markRunning(living);
        UUID cli = runs.start(one.id(), RunTrigger.CLI, null).id();
        runs.markRunning(cli);
        // killed between recording the run and marking it running: still its server's
        UUID queued = runs.start(one.id(), RunTrigger.SCHEDULE, Map.of(), null, null, dead).id();
        RunError why = new RunError(111, "RUN_CRASHED", "the server running it stopped before it ended");

        assertThat(runs.failOrphans(java.util.List.of(alive), why)).containsExactlyInAnyOrder(orphan, queued);
        assertThat(runs.get(queued).state()).isEqualTo(RunState.FAILED);
        assertThat(runs.get(orphan).state()).isEqualTo(RunState.FAILED);
        assertThat(runs.get(orphan).error()).isEqualTo(why);
        assertThat(runs.get(ended).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(runs.get(living).state()).isEqualTo(RunState.RUNNING);
        assertThat(runs.get(cli).state()).isEqualTo(RunState.RUNNING);
        // nothing twice, and no live instance known means nothing is judged dead
        assertThat(runs.failOrphans(java.util.List.of(alive), why)).isEmpty();
        assertThat(runs.failOrphans(java.util.List.of(), why)).isEmpty();
        assertThat(runs.get(living).state()).isEqualTo(RunState.RUNNING);
        runs.finish(living, RunState.SUCCEEDED, null);
        runs.finish(cli, RunState.SUCCEEDED, null);
    }

    @Test
    void nodeResultsAreUpsertedPerNodeAndMarkTheRunRunning() {
        FlowVersionRecord one = registered(unique("nodes"), "{}");
        UUID runId = runs.start(one.id(), RunTrigger.MANUAL, null).id();

        runs.recordNode(runId, node("read", NodeState.RUNNING, -1));
        runs.recordNode(runId, node("filter_1", NodeState.QUEUED, -1));
        runs.recordNode(runId, node("read", NodeState.SUCCEEDED, 1000));
        NodeResult failed = new NodeResult("filter_1", "filter", NodeState.FAILED, -1, 3,
                new RunError(101, "COLUMN_NOT_FOUND", "node 'filter_1': column 'amount' does not exist"), false);
        runs.recordNode(runId, failed);
        NodeResult cached = new NodeResult("sort", "sort", NodeState.SUCCEEDED, 1000, 0, null, true);
        runs.recordNode(runId, cached);

        assertThat(runs.nodes(runId)).containsExactly(node("read", NodeState.SUCCEEDED, 1000), failed, cached);
        RunRecord run = runs.get(runId);
        assertThat(run.state()).isEqualTo(RunState.RUNNING);
        assertThat(run.startedAt()).isAfterOrEqualTo(run.queuedAt());
    }

    @Test
    void aNodeKeepsWhenItStartedAndEnded() {
        FlowVersionRecord one = registered(unique("times"), "{}");
        UUID runId = runs.start(one.id(), RunTrigger.MANUAL, null).id();
        java.time.Instant start = java.time.Instant.parse("2026-12-03T08:00:00.123456Z");
        java.time.Instant end = java.time.Instant.parse("2026-12-03T08:00:02.5Z");

        runs.recordNode(runId, new NodeResult("read", "read_csv", NodeState.RUNNING, -1, -1, null, false, start, null));
        assertThat(runs.nodes(runId).getFirst().startedAt()).isEqualTo(start);
        assertThat(runs.nodes(runId).getFirst().finishedAt()).isNull();
        // the final record need not repeat the start
        runs.recordNode(runId, new NodeResult("read", "read_csv", NodeState.SUCCEEDED, 10, 2377, null, false, null, end));
        NodeResult read = runs.nodes(runId).getFirst();
        assertThat(read.startedAt()).isEqualTo(start);
        assertThat(read.finishedAt()).isEqualTo(end);
        assertThat(read.rows()).isEqualTo(10);

        assertCatalogError(() -> new NodeResult("x", "filter", NodeState.SUCCEEDED, 1, 1, null, false, end, start),
                CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("cannot end");
    }

    @Test
    void finishEndsTheRunAndRefusesLaterChanges() {
        FlowVersionRecord one = registered(unique("finish"), "{}");
        UUID runId = runs.start(one.id(), RunTrigger.API, Map.of()).id();
        assertThat(runs.markRunning(runId).state()).isEqualTo(RunState.RUNNING);
        assertThat(runs.markRunning(runId).state()).isEqualTo(RunState.RUNNING);

        RunRecord finished = runs.finish(runId, RunState.SUCCEEDED, null);

        assertThat(finished.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(finished.finishedAt()).isAfterOrEqualTo(finished.startedAt());
        assertThat(finished.error()).isNull();
        assertThat(runs.get(runId)).isEqualTo(finished);
        assertCatalogError(() -> runs.finish(runId, RunState.FAILED, null), CatalogErrorCode.RUN_ALREADY_FINISHED)
                .hasMessageContaining("run " + runId + " already finished as SUCCEEDED: cannot finish it as FAILED");
        assertCatalogError(() -> runs.recordNode(runId, node("late", NodeState.RUNNING, -1)), CatalogErrorCode.RUN_ALREADY_FINISHED)
                .hasMessageContaining("cannot record node 'late'");
        assertCatalogError(() -> runs.markRunning(runId), CatalogErrorCode.RUN_ALREADY_FINISHED);
        assertThat(runs.nodes(runId)).isEmpty();
    }

    @Test
    void aFailedRunKeepsItsError() {
        FlowVersionRecord one = registered(unique("failed"), "{}");
        UUID runId = runs.start(one.id(), RunTrigger.CLI, Map.of()).id();
        RunError error = new RunError(306, "OUT_OF_MEMORY", "kernel 'default' ran out of memory " + "x".repeat(5000));

        RunRecord failed = runs.finish(runId, RunState.FAILED, error);

        assertThat(failed.error()).isEqualTo(error);
        assertThat(failed.error().message()).hasSize(4000).endsWith("…");
        assertThat(runs.get(runId).error()).isEqualTo(error);
        // a queued run can be cancelled without ever running
        UUID queued = runs.start(one.id(), RunTrigger.CLI, Map.of()).id();
        RunRecord cancelled = runs.finish(queued, RunState.CANCELLED, null);
        assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
        assertThat(cancelled.startedAt()).isNull();
    }

    @Test
    void listForFlowGivesTheNewestRunsFirst() {
        String name = unique("history");
        FlowVersionRecord one = registered(name, "{\"a\": 1}");
        FlowVersionRecord two = registered(name, "{\"a\": 2}");
        RunRecord first = runs.start(one.id(), RunTrigger.MANUAL, Map.of());
        RunRecord second = runs.start(two.id(), RunTrigger.MANUAL, Map.of());
        RunRecord third = runs.start(two.id(), RunTrigger.SCHEDULE, Map.of());
        registered(unique("other flow"), "{}");

        List<RunRecord> all = runs.listForFlow(name, 10);
        List<RunRecord> newest = runs.listForFlow(name, 2);

        assertThat(all).extracting(RunRecord::id).containsExactlyInAnyOrder(first.id(), second.id(), third.id());
        assertThat(all).extracting(RunRecord::queuedAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(all).extracting(RunRecord::id).startsWith(third.id());
        assertThat(newest).isEqualTo(all.subList(0, 2));
        assertThat(all).filteredOn(run -> run.id().equals(first.id())).singleElement().extracting(RunRecord::flowVersion).isEqualTo(1);
        assertCatalogError(() -> runs.listForFlow(name, 0), CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("limit");
        assertCatalogError(() -> runs.listForFlow("never registered", 5), CatalogErrorCode.FLOW_NOT_FOUND);
    }

    @Test
    void deleteForFlowRemovesTheRunsAndTheirNodes() {
        String name = unique("cleanup");
        FlowVersionRecord one = registered(name, "{}");
        UUID runId = runs.start(one.id(), RunTrigger.MANUAL, Map.of("p", "1")).id();
        runs.recordNode(runId, node("read", NodeState.SUCCEEDED, 5));
        runs.finish(runId, RunState.SUCCEEDED, null);
        runs.start(one.id(), RunTrigger.MANUAL, Map.of());

        assertThat(runs.deleteForFlow(name)).isEqualTo(2);

        assertThat(runs.listForFlow(name, 10)).isEmpty();
        assertCatalogError(() -> runs.get(runId), CatalogErrorCode.RUN_NOT_FOUND).hasMessageContaining("no run has id " + runId);
        assertThat(runs.deleteForFlow(name)).isZero();
    }

    @Test
    void badArgumentsAreRefusedWithTheirName() {
        FlowVersionRecord one = registered(unique("arguments"), "{}");
        UUID missing = UUID.randomUUID();

        assertCatalogError(() -> runs.start(missing, RunTrigger.MANUAL, Map.of()), CatalogErrorCode.FLOW_VERSION_NOT_FOUND)
                .hasMessageContaining(missing.toString());
        assertCatalogError(() -> runs.start(one.id(), null, Map.of()), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("trigger is missing");
        assertCatalogError(() -> runs.start(one.id(), RunTrigger.MANUAL, Map.of("bad name", "x")), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("parameter name must be");
        assertCatalogError(() -> runs.get(missing), CatalogErrorCode.RUN_NOT_FOUND);
        assertCatalogError(() -> runs.nodes(missing), CatalogErrorCode.RUN_NOT_FOUND);
        assertCatalogError(() -> runs.recordNode(missing, node("a", NodeState.RUNNING, -1)), CatalogErrorCode.RUN_NOT_FOUND);
        UUID runId = runs.start(one.id(), RunTrigger.MANUAL, Map.of()).id();
        assertCatalogError(() -> runs.finish(runId, RunState.RUNNING, null), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("can only finish as SUCCEEDED, FAILED or CANCELLED, not RUNNING");
        assertThat(runs.find(missing)).isEmpty();
        assertThat(runs.find(runId)).contains(runs.get(runId));
    }

    @Test
    void deleteForFlowDeletesManyRunsAtOnce() {
        String name = unique("many runs");
        FlowVersionRecord one = registered(name, "{}");
        FlowVersionRecord two = registered(name, "{\"b\": 1}");
        RunRecord kept = runs.start(registered(unique("other"), "{}").id(), RunTrigger.MANUAL, Map.of());
        for (int i = 0; i < 100; i++) {
            UUID runId = runs.start(i % 2 == 0 ? one.id() : two.id(), RunTrigger.SCHEDULE, Map.of("i", Integer.toString(i))).id();
            runs.recordNode(runId, node("read", NodeState.SUCCEEDED, i));
        }

        assertThat(runs.deleteForFlow(name)).isEqualTo(100);

        assertThat(runs.listForFlow(name, 10)).isEmpty();
        assertThat(runs.get(kept.id())).isEqualTo(kept);
        flows.delete(name);
    }

    @Test
    void aRunLockedLongerThanTheLockTimeoutIsAConcurrentUpdate() throws Exception {
        UUID runId = runs.start(registered(unique("locked"), "{}").id(), RunTrigger.MANUAL, Map.of()).id();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<?> holding = holder.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                runs.markRunning(runId); // locks the run's row until this transaction ends
                locked.countDown();
                awaitQuietly(release);
            }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

            assertCatalogError(() -> runs.finish(runId, RunState.SUCCEEDED, null), CatalogErrorCode.CONCURRENT_UPDATE)
                    .hasMessageContaining("could not change run " + runId + ": others are changing it at the same time; try again");

            release.countDown();
            holding.get(30, TimeUnit.SECONDS);
            assertThat(runs.finish(runId, RunState.SUCCEEDED, null).state()).isEqualTo(RunState.SUCCEEDED);
        } finally {
            release.countDown();
            holder.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    @Test
    void aRunOfAVersionDeletedAfterTheCheckIsFlowVersionNotFound() {
        String name = unique("deleted while starting");
        FlowVersionRecord one = registered(name, "{}");

        assertCatalogError(() -> interleave("insert into runs", () -> flows.delete(name),
                () -> runs.start(one.id(), RunTrigger.MANUAL, Map.of("region", "emea"))), CatalogErrorCode.FLOW_VERSION_NOT_FOUND)
                .hasMessageContaining(one.id().toString());
        assertThat(flows.find(name)).isEmpty();
    }

    @Test
    void deletingAFlowThatARunStartedAfterTheCheckIsFlowHasRuns() {
        String name = unique("started while deleting");
        FlowVersionRecord one = registered(name, "{}");

        assertCatalogError(() -> interleave("delete from flows", () -> runs.start(one.id(), RunTrigger.MANUAL, Map.of()), () -> {
            flows.delete(name);
            return null;
        }), CatalogErrorCode.FLOW_HAS_RUNS).hasMessageContaining(name);
        assertThat(runs.listForFlow(name, 10)).singleElement().extracting(RunRecord::flowVersionId).isEqualTo(one.id());
    }


    @Test
    void nullArgumentsAreInvalidArguments() {
        String name = unique("nulls");
        registered(name, "{}");

        assertInvalidArguments(() -> runs.get(null), () -> runs.find(null), () -> runs.nodes(null), () -> runs.markRunning(null),
                () -> runs.recordNode(null, node("a", NodeState.SUCCEEDED, 1)), () -> runs.finish(null, RunState.SUCCEEDED, null),
                () -> runs.start(null, RunTrigger.MANUAL, Map.of()), () -> runs.listForFlow(null, 10),
                () -> runs.listForFlow(name, 10, null), () -> runs.list(null, 10), () -> runs.deleteForFlow(null),
                () -> runs.cancelRequested(null), () -> runs.requestCancel(null, "stop"));
    }
}
