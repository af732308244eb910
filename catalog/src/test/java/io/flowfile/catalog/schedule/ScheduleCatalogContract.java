package io.flowfile.catalog.schedule;

import static io.flowfile.catalog.testing.BeforeStatement.interleave;
import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.assertInvalidArguments;
import static io.flowfile.catalog.testing.CatalogAssertions.unique;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.api.ScheduleRecord;
import io.flowfile.catalog.api.ScheduleTickRecord;
import io.flowfile.catalog.api.ScheduleTriggerType;
import io.flowfile.catalog.api.TickKind;
import io.flowfile.catalog.api.TickOutcome;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.run.RunService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** ScheduleCatalog against a real database; H2 and PostgreSQL subclasses run it. */
public abstract class ScheduleCatalogContract {

    @Inject
    FlowService flows;

    @Inject
    RunService runs;

    @Inject
    ScheduleCatalog schedules;

    private FlowVersionRecord registered(String name) {
        return flows.register(name, null, "{}".getBytes(UTF_8), "json");
    }

    @Test
    void createsUpdatesPausesAndDeletesSchedules() {
        FlowVersionRecord flow = registered(unique("scheduled"));
        FlowVersionRecord upstream = registered(unique("upstream"));

        ScheduleRecord created = schedules.create("ann", flow.name(), ScheduleTriggerType.CRON, null, "{\"cron\":\"0 6 * * *\"}", false, null);
        assertThat(created.flowName()).isEqualTo(flow.name());
        assertThat(created.paused()).isFalse();
        assertThat(schedules.listForFlow(flow.name(), Optional.of("ann"))).extracting(ScheduleRecord::id).containsExactly(created.id());
        assertThat(schedules.listForFlow(flow.name(), Optional.of("bob"))).isEmpty();

        ScheduleRecord chained = schedules.update(created.id(), flow.name(), ScheduleTriggerType.AFTER_FLOW, upstream.name(), "{}");
        assertThat(chained.afterFlowName()).isEqualTo(upstream.name());
        assertThat(schedules.listAfterFlow(upstream.flowId())).extracting(ScheduleRecord::id).containsExactly(created.id());

        assertThat(schedules.recordOutcome(created.id(), false).consecutiveFailures()).isEqualTo(1);
        assertThat(schedules.recordOutcome(created.id(), false).consecutiveFailures()).isEqualTo(2);
        ScheduleRecord paused = schedules.pause(created.id(), "paused after 2 consecutive failures");
        assertThat(paused.pausedReason()).isEqualTo("paused after 2 consecutive failures");
        assertThat(schedules.listAfterFlow(upstream.flowId())).isEmpty();
        ScheduleRecord resumed = schedules.resume(created.id());
        assertThat(resumed.paused()).isFalse();
        assertThat(resumed.consecutiveFailures()).isZero();

        schedules.delete(created.id());
        assertCatalogError(() -> schedules.get(created.id()), CatalogErrorCode.SCHEDULE_NOT_FOUND).hasMessageContaining(created.id().toString());
    }

    @Test
    void refusesUnknownFlowsAndAFollowedFlowWithoutAfterFlowTrigger() {
        FlowVersionRecord flow = registered(unique("scheduled"));
        assertCatalogError(() -> schedules.create("ann", "no-such-flow", ScheduleTriggerType.CRON, null, "{}", false, null), CatalogErrorCode.FLOW_NOT_FOUND).hasMessageContaining("no-such-flow");
        assertCatalogError(() -> schedules.create("ann", flow.name(), ScheduleTriggerType.INTERVAL, flow.name(), "{}", false, null), CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("AFTER_FLOW");
    }

    @Test
    void aFireTimeIsClaimedOnceEvenByConcurrentCallers() throws Exception {
        FlowVersionRecord flow = registered(unique("scheduled"));
        ScheduleRecord schedule = schedules.create("ann", flow.name(), ScheduleTriggerType.INTERVAL, null, "{}", false, null);
        Instant fireTime = Instant.parse("2026-03-29T01:00:00.123456Z");

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Optional<ScheduleTickRecord>>> claims = pool.invokeAll(List.of(
                    () -> schedules.claimTick(schedule.id(), fireTime, TickKind.SCHEDULED, TickOutcome.RUNNING, null),
                    () -> schedules.claimTick(schedule.id(), fireTime, TickKind.SCHEDULED, TickOutcome.RUNNING, null),
                    () -> schedules.claimTick(schedule.id(), fireTime, TickKind.SCHEDULED, TickOutcome.RUNNING, null),
                    () -> schedules.claimTick(schedule.id(), fireTime, TickKind.SCHEDULED, TickOutcome.RUNNING, null)));
            long won = 0;
            for (Future<Optional<ScheduleTickRecord>> claim : claims) {
                won += claim.get().isPresent() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(schedules.ticks(schedule.id(), 10)).singleElement()
                .satisfies(tick -> assertThat(tick.fireTime()).isEqualTo(Instant.parse("2026-03-29T01:00:00.123Z")));
        // the same time again: already claimed; a schedule that is gone has no ticks
        assertThat(schedules.claimTick(schedule.id(), fireTime, TickKind.SCHEDULED, TickOutcome.RUNNING, null)).isEmpty();
        java.util.UUID gone = java.util.UUID.randomUUID();
        assertCatalogError(() -> schedules.claimTick(gone, fireTime, TickKind.SCHEDULED, TickOutcome.RUNNING, null),
                CatalogErrorCode.SCHEDULE_NOT_FOUND).hasMessageContaining(gone.toString());
        // what a fire reads: the schedule, its newest timed tick, its active ticks
        var context = schedules.fireContext(schedule.id(), List.of(TickOutcome.RUNNING)).orElseThrow();
        assertThat(context.schedule().id()).isEqualTo(schedule.id());
        assertThat(context.lastFire()).contains(Instant.parse("2026-03-29T01:00:00.123Z"));
        assertThat(context.active()).hasSize(1);
        assertThat(schedules.lastFires()).containsEntry(schedule.id(), Instant.parse("2026-03-29T01:00:00.123Z"));
        // a newer run-now tick is not a fire time of the trigger, and an older finished tick is not active
        schedules.claimTick(schedule.id(), Instant.parse("2026-03-29T02:00:00Z"), TickKind.RUN_NOW, TickOutcome.SKIPPED, null);
        schedules.claimTick(schedule.id(), Instant.parse("2026-03-29T00:00:00Z"), TickKind.SCHEDULED, TickOutcome.SKIPPED, null);
        var later = schedules.fireContext(schedule.id(), List.of(TickOutcome.RUNNING)).orElseThrow();
        assertThat(later.lastFire()).contains(Instant.parse("2026-03-29T01:00:00.123Z"));
        assertThat(later.active()).extracting(ScheduleTickRecord::fireTime).containsExactly(Instant.parse("2026-03-29T01:00:00.123Z"));
        assertThat(schedules.fireContext(schedule.id(), List.of(TickOutcome.SKIPPED)).orElseThrow().active())
                .extracting(ScheduleTickRecord::kind).containsExactly(TickKind.SCHEDULED, TickKind.RUN_NOW);
        assertThat(schedules.fireContext(gone, List.of(TickOutcome.RUNNING))).isEmpty();
        // read in SQL (every fire does): the same records the ORM reads, every column (a paused schedule's
        // times differ; a started tick has a run, a version and an attempt)
        schedules.pause(schedule.id(), "held for the comparison");
        assertThat(schedules.fireContext(schedule.id(), List.of()).orElseThrow().schedule()).isEqualTo(schedules.get(schedule.id()))
                .satisfies(read -> assertThat(read.updatedAt()).isAfter(read.createdAt()));
        ScheduleTickRecord claimed = schedules.claimTick(schedule.id(), Instant.parse("2026-03-29T03:00:00Z"), TickKind.SCHEDULED,
                TickOutcome.RUNNING, "claimed", "instance-1").orElseThrow();
        assertThat(schedules.ticks(schedule.id(), 10)).contains(claimed);
        RunRecord run = runs.start(flow.id(), RunTrigger.SCHEDULE, Map.of(), "ann", schedule.id(), "instance-1");
        ScheduleTickRecord started = schedules.tickStarted(claimed.id(), run.id(), run.flowVersion(), "instance-1");
        assertThat(started.runId()).isEqualTo(run.id());
        assertThat(schedules.fireContext(schedule.id(), List.of(TickOutcome.RUNNING)).orElseThrow().active()).contains(started)
                .doesNotContain(claimed);
        // its statements join no transaction (the ORM's unflushed changes would be missing from them)
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> schedules.fireContext(schedule.id(), List.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside transactions");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> schedules.claimTick(schedule.id(), Instant.now(),
                TickKind.SCHEDULED, TickOutcome.RUNNING, null))).isInstanceOf(IllegalStateException.class);
        ScheduleRecord follower = schedules.create("ann", flow.name(), ScheduleTriggerType.AFTER_FLOW, registered(unique("upstream")).name(),
                "{}", true, "held");
        assertThat(schedules.fireContext(follower.id(), List.of()).orElseThrow())
                .satisfies(fire -> assertThat(fire.schedule()).isEqualTo(schedules.get(follower.id())))
                .satisfies(fire -> assertThat(fire.active()).isEmpty())
                .satisfies(fire -> assertThat(fire.lastFire()).isEmpty());
    }

    @Test
    void aRunADeadServerRecordedButNeverNamedOnItsTickIsFound() {
        FlowVersionRecord flow = registered(unique("scheduled"));
        ScheduleRecord schedule = schedules.create("ann", flow.name(), ScheduleTriggerType.INTERVAL, null, "{}", false, null);
        String dead = "dead-" + java.util.UUID.randomUUID();
        RunRecord run = runs.start(flow.id(), RunTrigger.SCHEDULE, Map.of(), "ann", schedule.id(), dead);
        assertThat(schedules.unnamedRun(schedule.id(), List.of("alive")))
                .contains(new ScheduleCatalog.UnnamedRun(run.id(), run.flowVersion()));
        assertThat(schedules.unnamedRun(schedule.id(), List.of("alive", dead))).isEmpty(); // its server lives
        ScheduleTickRecord tick = schedules.claimTick(schedule.id(), Instant.now(), TickKind.SCHEDULED, TickOutcome.RUNNING, null).orElseThrow();
        schedules.tickStarted(tick.id(), run.id(), run.flowVersion());
        assertThat(schedules.unnamedRun(schedule.id(), List.of("alive"))).isEmpty(); // named
    }

    @Test
    void aTickFollowsItsRunsAndItsOutcome() {
        FlowVersionRecord flow = registered(unique("scheduled"));
        ScheduleRecord schedule = schedules.create("ann", flow.name(), ScheduleTriggerType.INTERVAL, null, "{}", false, null);
        ScheduleTickRecord tick = schedules.claimTick(schedule.id(), Instant.now(), TickKind.RUN_NOW, TickOutcome.RUNNING, null).orElseThrow();
        RunRecord run = runs.start(flow.id(), RunTrigger.SCHEDULE, Map.of(), "ann", schedule.id());
        assertThat(run.scheduleId()).isEqualTo(schedule.id());

        ScheduleTickRecord started = schedules.tickStarted(tick.id(), run.id(), run.flowVersion());
        assertThat(started.attempts()).isEqualTo(1);
        assertThat(schedules.tickOfRun(run.id())).map(ScheduleTickRecord::id).contains(tick.id());
        assertThat(schedules.ticksWithOutcome(schedule.id(), Set.of(TickOutcome.RUNNING, TickOutcome.RETRYING)))
                .extracting(ScheduleTickRecord::id).containsExactly(tick.id());

        assertThat(schedules.updateTickIf(tick.id(), TickOutcome.QUEUED, TickOutcome.SKIPPED, "no")).isFalse();
        assertThat(schedules.updateTickIf(tick.id(), TickOutcome.RUNNING, TickOutcome.SUCCEEDED, null)).isTrue();
        assertThat(schedules.ticks(schedule.id(), 10)).singleElement()
                .satisfies(found -> assertThat(found.outcome()).isEqualTo(TickOutcome.SUCCEEDED));
    }

    @Test
    void aTickOfAStoppedInstanceIsFoundAndTakenOverOnce() {
        FlowVersionRecord flow = registered(unique("scheduled"));
        ScheduleRecord schedule = schedules.create("ann", flow.name(), ScheduleTriggerType.INTERVAL, null, "{}", false, null);
        String dead = unique("dead-instance");
        String alive = unique("live-instance");
        Set<TickOutcome> active = Set.of(TickOutcome.RUNNING, TickOutcome.RETRYING);
        ScheduleTickRecord orphan = schedules.claimTick(schedule.id(), Instant.now(), TickKind.SCHEDULED, TickOutcome.RUNNING, null, dead)
                .orElseThrow();
        RunRecord run = runs.start(flow.id(), RunTrigger.SCHEDULE, Map.of(), "ann", schedule.id());
        ScheduleTickRecord mine = schedules.claimTick(schedule.id(), Instant.now().plusSeconds(1), TickKind.SCHEDULED, TickOutcome.RUNNING,
                null).orElseThrow();
        schedules.tickStarted(mine.id(), run.id(), run.flowVersion(), alive);

        assertThat(schedules.orphanedTicks(active, Set.of(alive))).extracting(ScheduleTickRecord::id).contains(orphan.id())
                .doesNotContain(mine.id());
        assertThat(schedules.orphanedTicks(active, Set.of(alive, dead))).extracting(ScheduleTickRecord::id)
                .doesNotContain(orphan.id(), mine.id());
        // of two live servers finding it, one takes it; then it is no longer an orphan
        assertThat(schedules.takeOverTick(orphan.id(), active, Set.of(alive), alive)).isTrue();
        assertThat(schedules.takeOverTick(orphan.id(), active, Set.of(alive), alive)).isFalse();
        assertThat(schedules.orphanedTicks(active, Set.of(alive))).extracting(ScheduleTickRecord::id).doesNotContain(orphan.id());
        assertThat(schedules.takeOverTick(mine.id(), active, Set.of(alive), alive)).isFalse();
    }


    @Test
    void aScheduleOfAFlowDeletedAfterTheCheckIsFlowNotFound() {
        FlowVersionRecord gone = registered(unique("deleted while scheduled"));
        assertCatalogError(() -> interleave("insert into schedules", () -> flows.delete(gone.name()),
                () -> schedules.create("ann", gone.name(), ScheduleTriggerType.CRON, null, "{}", false, null)), CatalogErrorCode.FLOW_NOT_FOUND)
                .hasMessageContaining(gone.name());

        FlowVersionRecord kept = registered(unique("kept"));
        FlowVersionRecord other = registered(unique("deleted while rescheduled"));
        ScheduleRecord schedule = schedules.create("ann", kept.name(), ScheduleTriggerType.CRON, null, "{}", false, null);
        assertCatalogError(() -> interleave("update schedules", () -> flows.delete(other.name()),
                () -> schedules.update(schedule.id(), other.name(), ScheduleTriggerType.CRON, null, "{}")), CatalogErrorCode.FLOW_NOT_FOUND)
                .hasMessageContaining(other.name());
        assertThat(schedules.get(schedule.id()).flowName()).isEqualTo(kept.name());
    }


    @Test
    void nullArgumentsAreInvalidArguments() {
        FlowVersionRecord flow = registered(unique("nulls"));
        UUID id = schedules.create("ann", flow.name(), ScheduleTriggerType.CRON, null, "{}", false, null).id();
        UUID none = UUID.randomUUID();

        assertInvalidArguments(() -> schedules.get(null), () -> schedules.find(null), () -> schedules.fireContext(null, List.of()),
                () -> schedules.fireContext(id, null), () -> schedules.pause(null, "why"), () -> schedules.resume(null),
                () -> schedules.recordOutcome(null, true), () -> schedules.delete(null),
                () -> schedules.update(null, flow.name(), ScheduleTriggerType.CRON, null, "{}"),
                () -> schedules.create("ann", null, ScheduleTriggerType.CRON, null, "{}", false, null), () -> schedules.list(null),
                () -> schedules.listForFlow(null, Optional.empty()), () -> schedules.listForFlow(flow.name(), null),
                () -> schedules.listAfterFlow(null), () -> schedules.ticks(null, 10), () -> schedules.ticksWithOutcome(null, List.of()),
                () -> schedules.ticksWithOutcome(id, null), () -> schedules.claimTick(null, Instant.now(), TickKind.SCHEDULED, TickOutcome.RUNNING, null),
                () -> schedules.tickStarted(null, none, 1), () -> schedules.updateTick(null, TickOutcome.SUCCEEDED, null),
                () -> schedules.updateTickIf(null, TickOutcome.RUNNING, TickOutcome.SUCCEEDED, null), () -> schedules.tickOfRun(null),
                () -> schedules.orphanedTicks(null, List.of("alive")), () -> schedules.orphanedTicks(List.of(), null),
                () -> schedules.unnamedRun(null, List.of("alive")), () -> schedules.unnamedRun(id, null),
                () -> schedules.takeOverTick(none, null, List.of("alive"), "alive"), () -> schedules.takeOverTick(none, List.of(), null, "alive"));
        assertThat(schedules.get(id).flowName()).isEqualTo(flow.name());
    }
}
