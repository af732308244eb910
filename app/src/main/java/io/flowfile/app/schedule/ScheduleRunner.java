package io.flowfile.app.schedule;

import io.flowfile.app.config.FlowfileConfig;
import io.flowfile.app.service.RunEnded;
import io.flowfile.app.service.RunsService;
import io.flowfile.catalog.api.FlowRecord;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.ScheduleRecord;
import io.flowfile.catalog.api.ScheduleTickRecord;
import io.flowfile.catalog.api.ScheduleTriggerType;
import io.flowfile.catalog.api.TickKind;
import io.flowfile.catalog.api.TickOutcome;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.run.RunService;
import io.flowfile.catalog.schedule.ScheduleCatalog;
import io.flowfile.catalog.user.UserService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What a schedule does when it ticks: claims the tick (once per schedule and fire time, in the
 * catalog), applies the overlap policy, starts an ordinary run of the version (trigger SCHEDULE),
 * follows the run to its end (retries after a backoff, a timeout, pausing after consecutive
 * failures, the next queued tick), and plans the next fire time. Fire times that passed while no
 * server ran are handled by the missed-ticks policy. Every decision is written to the tick, so
 * that "why did it not run?" has an answer.
 */
@ApplicationScoped
public class ScheduleRunner {

    private static final Logger LOG = Logger.getLogger(ScheduleRunner.class);
    static final Set<TickOutcome> ACTIVE = Set.of(TickOutcome.RUNNING, TickOutcome.RETRYING);
    /** At most this many missed fire times are looked at (and recorded) per late tick. */
    static final int MAX_LATE = 1000;

    @Inject
    ScheduleCatalog catalog;

    @Inject
    FlowService flows;

    @Inject
    RunsService runs;

    @Inject
    RunService runRecords;

    @Inject
    QuartzScheduler quartz;

    @Inject
    FlowfileConfig config;

    @Inject
    Webhooks webhooks;

    @Inject
    ClusterSweep cluster;

    @Inject
    UserService users;

    /** Retries after their backoff and timeouts of running runs (this server's runs). */
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("flowfile-schedule-timers").daemon().factory());
    /** Runs this server cancelled for running past their schedule's timeout. */
    private final Set<UUID> timedOut = ConcurrentHashMap.newKeySet();
    /**
     * One fire of a schedule at a time on this server. Quartz runs the fires of a repeating trigger
     * that fell behind (after a downtime) back to back, several at once; each would read the same
     * running ticks and could start a run beside another (overlap policy skip not held).
     */
    private final java.util.Map<UUID, java.util.concurrent.locks.ReentrantLock> firing = new ConcurrentHashMap<>();

    void onStart(@Observes StartupEvent event) {
        if (!config.scheduler().enabled()) {
            return;
        }
        quartz.start(this);
        replanUnplanned();
        cluster.start();
    }

    /**
     * Plans every timed schedule without a trigger: after its newest scheduled tick, so that fire
     * times missed in between fire late and the missed-ticks policy decides; from now when it has none.
     */
    void replanUnplanned() {
        Set<UUID> planned = quartz.planned();
        java.util.Map<UUID, Instant> lastFires = catalog.lastFires();
        Instant now = Instant.now();
        List<QuartzScheduler.Plan> plans = new ArrayList<>();
        for (ScheduleRecord schedule : catalog.listTimed()) {
            if (planned.contains(schedule.id())) {
                continue;
            }
            try {
                ScheduleDefinition definition = definition(schedule);
                Instant last = lastFires.get(schedule.id());
                List<Instant> next = definition.toTrigger().next(last == null ? now : last, 1);
                if (!next.isEmpty()) {
                    plans.add(plan(schedule.id(), definition, next.getFirst()));
                }
            } catch (RuntimeException e) {
                LOG.warnf("schedule %s could not be planned again: %s", schedule.id(), e.getMessage());
            }
        }
        quartz.planAll(plans);
        if (!plans.isEmpty()) {
            LOG.infof("planned %d schedules", plans.size());
        }
    }

    /** The schedule's trigger from {@code first}: repeating for an interval, one-shot for a cron expression. */
    private static QuartzScheduler.Plan plan(UUID scheduleId, ScheduleDefinition definition, Instant first) {
        return new QuartzScheduler.Plan(scheduleId, first,
                definition.toTrigger() instanceof ScheduleTrigger.Interval interval ? interval.every() : null);
    }

    void onStop(@Observes ShutdownEvent event) {
        timers.shutdownNow();
    }

    /** Plans the schedule's next fire time after now, or removes it from the scheduler (paused, gone, after_flow). */
    public void planNext(UUID scheduleId) {
        planNext(scheduleId, Instant.now());
    }

    /** Plans the schedule, as it is in the catalog now, at its first fire time after {@code after}. */
    private void planNext(UUID scheduleId, Instant after) {
        Optional<ScheduleRecord> schedule = catalog.find(scheduleId);
        if (schedule.isEmpty() || schedule.get().paused() || schedule.get().triggerType() == ScheduleTriggerType.AFTER_FLOW) {
            quartz.remove(scheduleId);
            return;
        }
        ScheduleDefinition definition = definition(schedule.get());
        List<Instant> next = definition.toTrigger().next(after, 1);
        if (next.isEmpty()) {
            quartz.remove(scheduleId);
        } else {
            quartz.planAll(List.of(plan(scheduleId, definition, next.getFirst())));
        }
    }

    /** Takes the schedule out of the scheduler (paused or deleted). */
    public void unplan(UUID scheduleId) {
        quartz.remove(scheduleId);
    }

    /**
     * The schedule's fire time {@code planned} came (Quartz calls this, possibly late: after a
     * downtime). Fire times from {@code planned} to now that are later than the grace are missed,
     * and the missed-ticks policy says which of them still run. A one-shot (cron) trigger is then
     * replaced by the next fire time; a repeating (interval) trigger, which Quartz moves on by itself,
     * is moved past now only when it fell behind.
     *
     * @param repeatingSince for a repeating trigger, its first fire time: fire times from there that
     *                       no tick records (one a killed server took but never recorded) are due too;
     *                       null for a one-shot trigger
     */
    public void fire(UUID scheduleId, Instant planned, Instant repeatingSince) {
        var lock = firing.computeIfAbsent(scheduleId, id -> new java.util.concurrent.locks.ReentrantLock());
        lock.lock();
        try {
            fireAlone(scheduleId, planned, repeatingSince);
        } finally {
            lock.unlock();
        }
    }

    private void fireAlone(UUID scheduleId, Instant planned, Instant repeatingSince) {
        boolean replan = repeatingSince == null;
        // the times up to here are decided by this fire: the next trigger starts after them (none lost
        // between this fire's look at the clock and the replan), from the schedule as it is by then
        Instant decided = Instant.now();
        try {
            Optional<ScheduleCatalog.FireContext> context = catalog.fireContext(scheduleId, ACTIVE);
            if (context.isEmpty() || context.get().schedule().paused()) {
                replan = true;
                if (context.isEmpty()) {
                    firing.remove(scheduleId);
                }
                return;
            }
            if (repeatingSince != null && context.get().lastFire().filter(last -> !planned.isAfter(last)).isPresent()) {
                return; // a fire of the trigger that fell behind: the fire before it decided this time, and moved the trigger on
            }
            ScheduleRecord schedule = context.get().schedule();
            ScheduleDefinition definition = definition(schedule);
            ScheduleTrigger trigger = definition.toTrigger();
            Instant now = decided;
            List<Instant> due = new ArrayList<>();
            if (repeatingSince != null) {
                // fire times between the last recorded one (or the trigger's first) and this one that no tick records
                Instant from = context.get().lastFire().filter(last -> last.isAfter(repeatingSince.minusMillis(1)))
                        .orElse(repeatingSince.minusMillis(1));
                trigger.next(from, MAX_LATE).stream().filter(time -> time.isBefore(planned)).forEach(due::add);
            }
            due.add(planned);
            List<Instant> after = trigger.next(planned, MAX_LATE).stream().filter(time -> !time.isAfter(now)).toList();
            due.addAll(after);
            if (!replan && !after.isEmpty()) {
                // a repeating trigger that fell behind moves past now first: Quartz stops firing the times this fire decides
                planNext(scheduleId, decided);
            }
            Instant graceStart = now.minus(config.scheduler().misfireGrace());
            List<Instant> late = due.stream().filter(time -> time.isBefore(graceStart)).toList();
            List<Instant> onTime = due.stream().filter(time -> !time.isBefore(graceStart)).toList();
            List<Instant> catchUp = switch (definition.policies().missed()) {
                case NONE -> List.of();
                case LAST -> onTime.isEmpty() && !late.isEmpty() ? List.of(late.getLast()) : List.of();
                case ALL -> late.subList(Math.max(0, late.size() - definition.policies().missedCap()), late.size());
            };
            for (Instant time : late) {
                if (!catchUp.contains(time)) {
                    catalog.claimTick(scheduleId, time, TickKind.SCHEDULED, TickOutcome.MISSED, "missed: no server fired it in time (it fired "
                            + ChronoUnit.SECONDS.between(time, now) + " s late); missed-ticks policy "
                            + definition.policies().missed().name().toLowerCase() + (definition.policies().missed() == ScheduleDefinition.Missed.ALL
                            ? " runs the newest " + definition.policies().missedCap() : ""));
                }
            }
            List<ScheduleTickRecord> active = context.get().active();
            for (Instant time : catchUp) {
                tick(schedule, definition, time, TickKind.CATCH_UP, catchUp.size() > 1, null, active);
                active = null; // changed by that tick: read again
            }
            for (Instant time : onTime) {
                tick(schedule, definition, time, TickKind.SCHEDULED, false, null, active);
                active = null;
            }
        } finally {
            if (replan) {
                planNext(scheduleId, decided);
            }
        }
    }

    /** A run now, whatever runs already (run now overrides the overlap policy); answers the tick. */
    public ScheduleTickRecord runNow(ScheduleRecord schedule, String by) {
        ScheduleDefinition definition = definition(schedule);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Optional<ScheduleTickRecord> tick = Optional.empty();
        for (int attempt = 0; attempt < 5 && tick.isEmpty(); attempt++) {
            tick = catalog.claimTick(schedule.id(), now.plusMillis(attempt), TickKind.RUN_NOW, TickOutcome.RUNNING, "run now by " + by,
                    quartz.instanceId());
        }
        ScheduleTickRecord claimed = tick.orElseThrow(() -> new IllegalStateException("no free fire time for a run now"));
        return launch(schedule, definition, claimed);
    }

    /**
     * Claims the tick at {@code fireTime} and applies the overlap policy ({@code queue} forces
     * queueing: the catch-up runs of missed=all run one after another).
     */
    Optional<ScheduleTickRecord> tick(ScheduleRecord schedule, ScheduleDefinition definition, Instant fireTime, TickKind kind, boolean queue,
                                      String note) {
        return tick(schedule, definition, fireTime, kind, queue, note, null);
    }

    /** @param known the schedule's active ticks when just read, or null to read them */
    private Optional<ScheduleTickRecord> tick(ScheduleRecord schedule, ScheduleDefinition definition, Instant fireTime, TickKind kind,
                                              boolean queue, String note, List<ScheduleTickRecord> known) {
        List<ScheduleTickRecord> active = known != null ? known : catalog.ticksWithOutcome(schedule.id(), ACTIVE);
        String prefix = note == null ? "" : note + "; ";
        if (!active.isEmpty()) {
            ScheduleTickRecord previous = active.getLast();
            String running = "the previous run (" + (previous.runId() == null ? "tick of " + previous.fireTime() : "run " + previous.runId())
                    + ") was still running";
            ScheduleDefinition.Overlap overlap = queue ? ScheduleDefinition.Overlap.QUEUE : definition.policies().overlap();
            switch (overlap) {
                case SKIP -> {
                    return catalog.claimTick(schedule.id(), fireTime, kind, TickOutcome.SKIPPED, prefix + "skipped: " + running
                            + " (overlap policy skip)");
                }
                case QUEUE -> {
                    return catalog.claimTick(schedule.id(), fireTime, kind, TickOutcome.QUEUED, prefix + "queued: " + running
                            + " (overlap policy queue)");
                }
                case CANCEL_RUNNING -> {
                    Optional<ScheduleTickRecord> claimed = catalog.claimTick(schedule.id(), fireTime, kind, TickOutcome.RUNNING,
                            prefix + "cancelled the previous run (overlap policy cancel_running)", quartz.instanceId());
                    if (claimed.isPresent()) {
                        for (ScheduleTickRecord old : active) {
                            catalog.updateTick(old.id(), TickOutcome.CANCELLED, "cancelled: the tick of " + fireTime
                                    + " started while it ran (overlap policy cancel_running)");
                            if (old.runId() != null) {
                                String reason = "cancelled by its schedule: a newer tick started (overlap policy cancel_running)";
                                if (!runs.cancel(old.runId(), reason)) {
                                    runRecords.requestCancel(old.runId(), reason); // another server runs it: it sees the request
                                }
                            }
                        }
                        return Optional.of(launch(schedule, definition, claimed.get()));
                    }
                    return claimed;
                }
            }
        }
        return catalog.claimTick(schedule.id(), fireTime, kind, TickOutcome.RUNNING, note, quartz.instanceId())
                .map(claimed -> launch(schedule, definition, claimed));
    }

    /** Starts a run for the tick (its next attempt); a run that cannot start fails the tick. */
    private ScheduleTickRecord launch(ScheduleRecord schedule, ScheduleDefinition definition, ScheduleTickRecord tick) {
        try {
            String flow = schedule.flowName();
            int version = definition.version() != null ? definition.version() : trustedLatest(schedule).version();
            ScheduleTickRecord[] started = new ScheduleTickRecord[1];
            var run = runs.startScheduled(schedule.owner(), flow, version, definition.parameters(), schedule.id(),
                    runId -> started[0] = catalog.tickStarted(tick.id(), runId, version, quartz.instanceId()));
            Integer timeout = definition.policies().timeoutSeconds();
            if (timeout != null) {
                timers.schedule(() -> {
                    if (runs.isRunning(run.id())) {
                        timedOut.add(run.id());
                        runs.cancel(run.id(), "timed out after " + timeout + " s (its schedule's timeout)");
                    }
                }, timeout, TimeUnit.SECONDS);
            }
            return started[0];
        } catch (RuntimeException e) {
            LOG.warnf("schedule %s could not start a run: %s", schedule.id(), e.getMessage());
            String why = "could not start a run: " + e.getMessage();
            String paused = countFailure(schedule.id(), tick.fireTime(), definition, why);
            ScheduleTickRecord failed = catalog.updateTick(tick.id(), TickOutcome.FAILED, join(tick.message(), why + paused));
            webhooks.tickEnded(schedule, definition, failed, schedule.consecutiveFailures());
            return failed;
        }
    }

    /**
     * The latest version of the schedule's flow, which the schedule runs as its owner: only when its
     * owner, an admin or the command line registered it. Registering is refused to anyone else; this
     * also holds for versions registered before it was.
     */
    private FlowVersionRecord trustedLatest(ScheduleRecord schedule) {
        FlowVersionRecord latest = flows.get(schedule.flowName()).latest();
        String author = latest.createdBy();
        if (author != null && !author.equals(schedule.owner())
                && users.find(author).map(user -> user.role() != Role.ADMIN).orElse(true)) {
            throw new IllegalStateException("version " + latest.version() + " of flow '" + schedule.flowName() + "' was registered by "
                    + author + ", who is neither the schedule's owner (" + schedule.owner() + ") nor an admin: a schedule runs the latest "
                    + "version as its owner only when its owner or an admin registered it; name the version to run in the schedule");
        }
        return latest;
    }

    /** Follows the end of every run of a registered version: its schedule's tick, and schedules after its flow. */
    void onRunEnded(@Observes RunEnded ended) {
        if (ended.scheduleId() != null) {
            catalog.tickOfRun(ended.runId()).ifPresent(tick -> follow(tick, ended));
        }
        if ("SUCCEEDED".equals(ended.state())) {
            Optional<FlowRecord> flow = flows.find(ended.flow());
            for (ScheduleRecord follower : flow.map(found -> catalog.listAfterFlow(found.id())).orElse(List.of())) {
                try {
                    tick(follower, definition(follower), ended.endedAt(), TickKind.AFTER_FLOW, false,
                            "after run " + ended.runId() + " of flow '" + ended.flow() + "' succeeded");
                } catch (RuntimeException e) {
                    LOG.warnf("schedule %s did not follow run %s: %s", follower.id(), ended.runId(), e.getMessage());
                }
            }
        }
    }

    private void follow(ScheduleTickRecord tick, RunEnded ended) {
        Optional<ScheduleRecord> schedule = catalog.find(tick.scheduleId());
        if (schedule.isEmpty()) {
            return;
        }
        ScheduleDefinition definition = definition(schedule.get());
        boolean timeout = timedOut.remove(ended.runId());
        if (tick.outcome().isFinal()) {
            // cancelled by the overlap policy: already recorded
        } else if ("SUCCEEDED".equals(ended.state())) {
            catalog.recordOutcome(tick.scheduleId(), true);
            ScheduleTickRecord succeeded = catalog.updateTick(tick.id(), TickOutcome.SUCCEEDED, join(tick.message(), attempts(tick) + "succeeded"));
            webhooks.tickEnded(schedule.get(), definition, succeeded, schedule.get().consecutiveFailures());
        } else if ("FAILED".equals(ended.state()) || timeout) {
            String why = timeout ? ended.message() : "failed: " + ended.message();
            if (tick.attempts() <= definition.policies().retries() && !schedule.get().paused()) {
                int backoff = definition.policies().retryBackoffSeconds();
                catalog.updateTick(tick.id(), TickOutcome.RETRYING, join(tick.message(), "attempt " + tick.attempts() + " of "
                        + (definition.policies().retries() + 1) + " " + why + "; retrying in " + backoff + " s"));
                timers.schedule(() -> retry(tick.id(), tick.scheduleId()), backoff, TimeUnit.SECONDS);
            } else {
                String paused = countFailure(tick.scheduleId(), tick.fireTime(), definition, why);
                ScheduleTickRecord failed = catalog.updateTick(tick.id(), TickOutcome.FAILED, join(tick.message(), attempts(tick) + why + paused));
                webhooks.tickEnded(schedule.get(), definition, failed, schedule.get().consecutiveFailures());
            }
        } else {
            catalog.updateTick(tick.id(), TickOutcome.CANCELLED, join(tick.message(), "cancelled: " + ended.message()));
        }
        startQueued(tick.scheduleId());
    }

    static String attempts(ScheduleTickRecord tick) {
        return tick.attempts() > 1 ? "attempt " + tick.attempts() + " " : "";
    }

    void retry(UUID tickId, UUID scheduleId) {
        try {
            Optional<ScheduleRecord> schedule = catalog.find(scheduleId);
            Optional<ScheduleTickRecord> tick = schedule.isEmpty() ? Optional.empty()
                    : catalog.ticksWithOutcome(scheduleId, Set.of(TickOutcome.RETRYING)).stream().filter(t -> t.id().equals(tickId)).findFirst();
            if (tick.isEmpty()) {
                return;
            }
            if (schedule.get().paused()) {
                catalog.updateTick(tickId, TickOutcome.CANCELLED, tick.get().message() + "; not retried: the schedule was paused");
                return;
            }
            launch(schedule.get(), definition(schedule.get()), tick.get());
        } catch (RuntimeException e) {
            LOG.warnf(e, "the retry of tick %s failed", tickId);
        }
    }

    /**
     * A tick failed for good: one more consecutive failure, and the pause it may bring (before the
     * tick is written as failed, so that whoever sees the failed tick sees the paused schedule).
     *
     * @return what to add to the tick's message: the pause, or nothing
     */
    String countFailure(UUID scheduleId, Instant fireTime, ScheduleDefinition definition, String why) {
        ScheduleRecord schedule = catalog.recordOutcome(scheduleId, false);
        Integer limit = definition.policies().pauseAfterFailures();
        if (limit == null || schedule.consecutiveFailures() < limit || schedule.paused()) {
            return "";
        }
        catalog.pause(scheduleId, "paused after " + schedule.consecutiveFailures() + " consecutive failed ticks (the last, of "
                + fireTime + ": " + why + ")");
        quartz.remove(scheduleId);
        return "; the schedule is paused: " + schedule.consecutiveFailures() + " consecutive failures (policy pauseAfterFailures " + limit + ")";
    }

    /** A tick's message so far, then what happened next. */
    static String join(String earlier, String next) {
        return earlier == null || earlier.isBlank() ? next : earlier + "; " + next;
    }

    /** Starts the oldest queued tick of the schedule when none of its ticks runs any more. */
    void startQueued(UUID scheduleId) {
        if (!catalog.ticksWithOutcome(scheduleId, ACTIVE).isEmpty()) {
            return;
        }
        List<ScheduleTickRecord> queued = catalog.ticksWithOutcome(scheduleId, Set.of(TickOutcome.QUEUED));
        Optional<ScheduleRecord> schedule = catalog.find(scheduleId);
        if (queued.isEmpty() || schedule.isEmpty()) {
            return;
        }
        ScheduleTickRecord next = queued.getFirst();
        if (schedule.get().paused()) {
            return;
        }
        if (catalog.updateTickIf(next.id(), TickOutcome.QUEUED, TickOutcome.RUNNING, next.message() + "; started when the previous run ended")) {
            launch(schedule.get(), definition(schedule.get()), next);
        }
    }

    public static ScheduleDefinition definition(ScheduleRecord schedule) {
        Parsed known = PARSED.get(schedule.id());
        if (known != null && known.json().equals(schedule.definition())) {
            return known.definition();
        }
        ScheduleDefinition definition = ScheduleDefinition.fromJson(schedule.definition());
        if (PARSED.size() > 100_000) {
            PARSED.clear();
        }
        PARSED.put(schedule.id(), new Parsed(schedule.definition(), definition));
        return definition;
    }

    /** A schedule's definition as read, for as long as its text is the same (a fire need not parse it again). */
    private record Parsed(String json, ScheduleDefinition definition) {
    }

    private static final java.util.Map<UUID, Parsed> PARSED = new ConcurrentHashMap<>();
}
