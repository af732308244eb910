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
 * catalog's Flyway migration V6): each schedule is a durable job with one one-shot trigger at its
 * next fire time, which the job replaces when it fires. However many servers share the database,
 * Quartz fires a trigger on one of them, and a dead server's triggers are fired by a live one.
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
        properties.setProperty("org.quartz.threadPool.threadsInheritContextClassLoaderOfInitializingThread", "true");
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        // BYTEA columns on both databases (V6): read as bytes, which H2 answers too
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
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
            LOG.infof("the scheduler started (Quartz, clustered, instance %s)", created.getSchedulerInstanceId());
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler (Quartz) could not start: " + e.getMessage(), e);
        }
    }

    public boolean started() {
        return scheduler != null;
    }

    /** Sets the schedule's one trigger to {@code fireTime} (replacing the one it had). */
    void plan(UUID scheduleId, Instant fireTime) {
        Scheduler quartz = scheduler;
        if (quartz == null) {
            return;
        }
        JobDetail job = JobBuilder.newJob(ScheduleJob.class).withIdentity(scheduleId.toString(), GROUP).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(scheduleId.toString(), GROUP).forJob(job)
                .startAt(Date.from(fireTime))
                .usingJobData(ScheduleJob.SCHEDULE_ID, scheduleId.toString())
                .usingJobData(ScheduleJob.FIRE_TIME, Long.toString(fireTime.toEpochMilli()))
                // a fire time that passed while no server ran fires at once; the runner applies the missed-ticks policy
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            quartz.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("schedule " + scheduleId + " could not be planned at " + fireTime + ": " + e.getMessage(), e);
        }
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

    /** Whether the schedule has a trigger (a planned fire time). */
    boolean planned(UUID scheduleId) {
        Scheduler quartz = scheduler;
        try {
            return quartz != null && quartz.checkExists(TriggerKey.triggerKey(scheduleId.toString(), GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Stops firing before the runs are cancelled (a lower priority number observes first). */
    void onStop(@Observes @Priority(100) ShutdownEvent event) {
        Scheduler quartz = scheduler;
        scheduler = null;
        if (quartz != null) {
            try {
                quartz.shutdown(true);
            } catch (SchedulerException e) {
                LOG.warnf("the scheduler did not stop cleanly: %s", e.getMessage());
            }
        }
    }
}
