package io.flowfile.app.schedule;

import io.agroal.api.AgroalDataSource;
import io.flowfile.app.config.FlowfileConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz with its JDBC job store, clustered, in the catalog's database (tables QRTZ_*, made by the
 * catalog's Flyway migration V6): each schedule is a durable job with one trigger. An interval
 * schedule's trigger repeats by itself (Quartz computes its next fire time as it fires: no write per
 * fire beyond Quartz's own); a cron schedule's trigger is one-shot at its next fire time, which the
 * job replaces when it fires (the runner's cron rules for daylight saving time are not Quartz's).
 * However many servers share the database, Quartz fires a trigger on one of them, one fire of a
 * schedule at a time, and a dead server's triggers are fired by a live one. Under a backlog the
 * scheduler thread takes every due trigger it has a worker for in one acquisition.
 * Started only when {@code flowfile.scheduler.enabled} (the server; the command line sets it to false).
 */
@ApplicationScoped
public class QuartzScheduler {

    private static final Logger LOG = Logger.getLogger(QuartzScheduler.class);
    private static final String GROUP = "schedules";
    private static final String DATA_SOURCE = "flowfileCatalog";
    private static final String INSTANCE_NAME = "flowfile";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FlowfileConfig config;

    @Inject
    io.flowfile.app.service.ServerInstance serverInstance;

    private volatile Scheduler scheduler;

    /** Starts Quartz; the runner's job factory makes the jobs. */
    synchronized void start(ScheduleRunner runner) {
        if (scheduler != null) {
            return;
        }
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
            }

            @Override
            public void initialize() {
            }
        });
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", INSTANCE_NAME);
        properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.scheduler.threadsInheritContextClassLoaderOfInitializer", "true");
        properties.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(config.scheduler().threads()));
        // due triggers are taken together, as many as there are free workers, those of the next batch
        // window too (they wait in the job for their own time): one acquisition and one lock for many fires
        properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(config.scheduler().threads()));
        properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow",
                Long.toString(config.scheduler().batchWindow().toMillis()));
        properties.setProperty("org.quartz.threadPool.threadsInheritContextClassLoaderOfInitializingThread", "true");
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.jobStore.class", QuartzJobStore.class.getName());
        // BYTEA columns on both databases (V6): read as bytes, which H2 answers too
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", QuartzDelegate.class.getName());
        properties.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                Long.toString(config.scheduler().clusterCheckinInterval().toMillis()));
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(config.scheduler().misfireGrace().toMillis()));
        try {
            Scheduler created = new StdSchedulerFactory(properties).getScheduler();
            created.setJobFactory((bundle, ignored) -> new ScheduleJob(runner));
            created.start();
            scheduler = created;
            serverInstance.joined(created.getSchedulerInstanceId());
            LOG.infof("the scheduler started (Quartz, clustered, instance %s)", created.getSchedulerInstanceId());
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler (Quartz) could not start: " + e.getMessage(), e);
        }
    }

    public boolean started() {
        return scheduler != null;
    }

    /**
     * A schedule's trigger: its first fire time, and for an interval schedule the interval it repeats
     * at (null: one-shot, replaced by the job when it fires).
     */
    record Plan(UUID scheduleId, Instant first, java.time.Duration every) {
    }

    /** Sets the schedule's one trigger (replacing the one it had). */
    void plan(UUID scheduleId, Instant first, java.time.Duration every) {
        planAll(java.util.List.of(new Plan(scheduleId, first, every)));
    }

    /** Sets the triggers of many schedules, in one transaction of the job store per 500. */
    void planAll(java.util.List<Plan> plans) {
        Scheduler quartz = scheduler;
        if (quartz == null) {
            return;
        }
        for (int from = 0; from < plans.size(); from += 500) {
            java.util.Map<JobDetail, Set<? extends Trigger>> batch = new java.util.LinkedHashMap<>();
            for (Plan plan : plans.subList(from, Math.min(plans.size(), from + 500))) {
                JobDetail job = JobBuilder.newJob(ScheduleJob.class).withIdentity(plan.scheduleId().toString(), GROUP).storeDurably().build();
                batch.put(job, Set.of(trigger(job, plan)));
            }
            try {
                quartz.scheduleJobs(batch, true);
            } catch (SchedulerException e) {
                throw new IllegalStateException("schedules could not be planned: " + e.getMessage(), e);
            }
        }
    }

    private static Trigger trigger(JobDetail job, Plan plan) {
        TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger().withIdentity(plan.scheduleId().toString(), GROUP).forJob(job)
                .startAt(Date.from(plan.first()))
                .usingJobData(ScheduleJob.SCHEDULE_ID, plan.scheduleId().toString())
                .usingJobData(ScheduleJob.FIRE_TIME, Long.toString(plan.first().toEpochMilli()));
        if (plan.every() == null) {
            // a fire time that passed while no server ran fires at once; the runner applies the missed-ticks policy
            return builder.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build();
        }
        // late fires keep their own fire times (the runner applies the missed-ticks policy to the first and plans past the rest)
        return builder.withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(plan.every().toMillis())
                .repeatForever().withMisfireHandlingInstructionIgnoreMisfires()).build();
    }

    /** Removes the schedule's job and trigger (paused, deleted, or a trigger without fire times). */
    void remove(UUID scheduleId) {
        Scheduler quartz = scheduler;
        if (quartz == null) {
            return;
        }
        try {
            quartz.deleteJob(JobKey.jobKey(scheduleId.toString(), GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("schedule " + scheduleId + " could not be removed from the scheduler: " + e.getMessage(), e);
        }
    }

    /** This server's scheduler instance id, when its scheduler runs. */
    public Optional<String> instance() {
        return Optional.ofNullable(instanceId());
    }

    /** This server's scheduler instance id (null before it started). */
    String instanceId() {
        Scheduler quartz = scheduler;
        try {
            return quartz == null ? null : quartz.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The scheduler instances alive now: this one, and those in Quartz's cluster table that checked
     * in recently (Quartz deletes a dead instance's row once a live one has taken over its triggers;
     * a row not updated for two check-in intervals and 7.5 s more is dead too, as Quartz reckons it).
     */
    Set<String> liveInstances() {
        String self = instanceId();
        Set<String> live = new java.util.HashSet<>();
        if (self != null) {
            live.add(self);
        }
        long now = System.currentTimeMillis();
        try (Connection connection = dataSource.getConnection();
             var statement = connection.prepareStatement(
                     "SELECT INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?")) {
            statement.setString(1, INSTANCE_NAME);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(2) + 2 * rows.getLong(3) + 7500 > now) {
                        live.add(rows.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the scheduler's cluster table could not be read: " + e.getMessage(), e);
        }
        return live;
    }

    /** The schedules that have a trigger (a planned fire time). */
    Set<UUID> planned() {
        Scheduler quartz = scheduler;
        if (quartz == null) {
            return Set.of();
        }
        try {
            Set<UUID> ids = new java.util.HashSet<>();
            for (TriggerKey key : quartz.getTriggerKeys(org.quartz.impl.matchers.GroupMatcher.triggerGroupEquals(GROUP))) {
                ids.add(UUID.fromString(key.getName()));
            }
            return ids;
        } catch (SchedulerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Stops firing before the runs are cancelled (a lower priority number observes first). */
    void onStop(@Observes @Priority(100) ShutdownEvent event) {
        Scheduler quartz = scheduler;
        scheduler = null;
        serverInstance.joined(null);
        if (quartz != null) {
            try {
                quartz.shutdown(true);
            } catch (SchedulerException e) {
                LOG.warnf("the scheduler did not stop cleanly: %s", e.getMessage());
            }
        }
    }
}
