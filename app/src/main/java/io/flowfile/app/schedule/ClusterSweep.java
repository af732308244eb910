package io.flowfile.app.schedule;

import io.flowfile.app.config.FlowfileConfig;
import io.flowfile.app.service.RunsService;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.RunError;
import io.flowfile.catalog.api.RunState;
import io.flowfile.catalog.api.ScheduleRecord;
import io.flowfile.catalog.api.ScheduleTickRecord;
import io.flowfile.catalog.api.TickOutcome;
import io.flowfile.catalog.run.RunService;
import io.flowfile.catalog.schedule.ScheduleCatalog;
import io.flowfile.engine.EngineErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What keeps the servers sharing a database consistent when one of them stops or holds what another
 * decides: every check-in interval (and at start) the ticks a dead server left running or retrying
 * are taken over and resolved by the policies, with their run records; schedules whose trigger went
 * with it are planned again; and every second, the runs of this server another server asked to
 * cancel (overlap policy {@code cancel_running}) are cancelled.
 */
@ApplicationScoped
public class ClusterSweep {

    private static final Logger LOG = Logger.getLogger(ClusterSweep.class);
    private static final RunError ORPHANED = new RunError(EngineErrorCode.RUN_CRASHED.code(), EngineErrorCode.RUN_CRASHED.name(),
            "the server running it stopped before it ended");

    @Inject
    ScheduleRunner runner;

    @Inject
    ScheduleCatalog catalog;

    @Inject
    QuartzScheduler quartz;

    @Inject
    RunsService runs;

    @Inject
    RunService runRecords;

    @Inject
    Webhooks webhooks;

    @Inject
    FlowfileConfig config;

    @Inject
    io.flowfile.app.security.LoginLink loginLink;

    /** After the scheduler started: resolves what dead servers left, then sweeps on the runner's timer thread. */
    void start() {
        Set<String> live = quartz.liveInstances();
        resolveOrphans(live);
        knownInstances = live;
        long every = Math.max(1000, config.scheduler().clusterCheckinInterval().toMillis());
        runner.timers.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        runner.timers.scheduleWithFixedDelay(this::cancelRequested, 1, 1, TimeUnit.SECONDS);
    }

    /** Cancels the runs of this server that another server asked to cancel (overlap policy cancel_running). */
    private void cancelRequested() {
        try {
            List<UUID> mine = runs.unfinished();
            if (!mine.isEmpty()) {
                runRecords.cancelRequested(mine).forEach(runs::cancel);
            }
        } catch (RuntimeException e) {
            LOG.warnf("cancel requests could not be read: %s", e.getMessage());
        }
    }

    /** Scheduler instances alive at the previous sweep. */
    private volatile Set<String> knownInstances = Set.of();

    /**
     * Every check-in interval: ticks left running or retrying by a server that died are resolved,
     * and when a server is gone since the last sweep, schedules that lost their trigger with it
     * (it died while firing them) are planned again.
     */
    private void sweep() {
        try {
            Set<String> live = quartz.liveInstances();
            boolean someoneLeft = !live.containsAll(knownInstances);
            knownInstances = live;
            resolveOrphans(live);
            if (someoneLeft) {
                runner.replanUnplanned();
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "the scheduler's sweep for stopped servers failed");
        }
    }

    /**
     * Resolves the running or retrying ticks whose server is no longer alive (killed: its run, and
     * the timers of its retries and timeouts, are gone): the attempt failed because "the server
     * running it stopped", then the retries and pausing policies apply as for any failed attempt.
     */
    private void resolveOrphans(Set<String> live) {
        String self = quartz.instanceId();
        for (ScheduleTickRecord orphan : catalog.orphanedTicks(ScheduleRunner.ACTIVE, live)) {
            try {
                if (catalog.takeOverTick(orphan.id(), ScheduleRunner.ACTIVE, live, self)) {
                    resolveOrphan(named(orphan, live, self));
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "tick %s of a stopped server could not be resolved", orphan.id());
            }
        }
        try {
            int revoked = loginLink.revokeLinksOfStoppedServers(live);
            if (revoked > 0) {
                LOG.infof("%d login link(s) of stopped servers revoked", revoked);
            }
        } catch (RuntimeException e) {
            LOG.warnf("the login links of stopped servers could not be revoked: %s", e.getMessage());
        }
        // the runs a dead server left running that no tick names (started over the API or in the browser)
        List<UUID> ended = runRecords.failOrphans(live, ORPHANED);
        if (!ended.isEmpty()) {
            LOG.infof("%d run(s) of a stopped server ended as failed: %s", ended.size(), ended);
        }
    }

    /**
     * The tick with its run: a server that died after recording the tick's run but before naming it
     * on the tick left a run of the schedule that no tick names; it is this tick's (a server runs one
     * launch of a schedule at a time), and is named now so that it ends with the tick.
     */
    private ScheduleTickRecord named(ScheduleTickRecord tick, Set<String> live, String self) {
        if (tick.runId() != null || tick.outcome() != TickOutcome.RUNNING) {
            return tick;
        }
        return catalog.unnamedRun(tick.scheduleId(), live)
                .map(run -> catalog.tickStarted(tick.id(), run.runId(), run.flowVersion(), self))
                .orElse(tick);
    }

    private void resolveOrphan(ScheduleTickRecord tick) {
        Optional<ScheduleRecord> schedule = catalog.find(tick.scheduleId());
        if (schedule.isEmpty()) {
            return;
        }
        ScheduleDefinition definition = ScheduleRunner.definition(schedule.get());
        LOG.infof("schedule %s: the server running its tick of %s stopped; resolving it here", tick.scheduleId(), tick.fireTime());
        if (tick.outcome() == TickOutcome.RETRYING) {
            // the failure was counted; the retry's timer died with its server: retry now
            runner.retry(tick.id(), tick.scheduleId());
        } else {
            String why = "the server running it stopped" + (tick.runId() == null ? "" : " (run " + tick.runId() + ")");
            if (tick.runId() != null) {
                endOrphanRun(tick.runId());
            }
            if (tick.runId() != null && tick.attempts() <= definition.policies().retries() && !schedule.get().paused()) {
                catalog.updateTick(tick.id(), TickOutcome.RETRYING, ScheduleRunner.join(tick.message(), "attempt " + tick.attempts() + " of "
                        + (definition.policies().retries() + 1) + " failed: " + why + "; retrying now"));
                runner.retry(tick.id(), tick.scheduleId());
            } else {
                String paused = runner.countFailure(tick.scheduleId(), tick.fireTime(), definition, why);
                ScheduleTickRecord failed = catalog.updateTick(tick.id(), TickOutcome.FAILED,
                        ScheduleRunner.join(tick.message(), ScheduleRunner.attempts(tick) + "failed: " + why + paused));
                webhooks.tickEnded(schedule.get(), definition, failed, schedule.get().consecutiveFailures());
            }
        }
        runner.startQueued(tick.scheduleId());
    }

    /** The run record of a tick whose server died stays running no more: failed, saying why. */
    private void endOrphanRun(UUID runId) {
        if (runs.isRunning(runId)) {
            return; // not an orphan after all: this server runs it
        }
        try {
            runRecords.finish(runId, RunState.FAILED, ORPHANED);
        } catch (CatalogException e) {
            // ended meanwhile, or gone with its flow: nothing to correct
        }
    }
}
