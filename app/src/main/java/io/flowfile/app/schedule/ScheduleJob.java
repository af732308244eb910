package io.flowfile.app.schedule;

import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;

/** What Quartz runs when a schedule's fire time comes (once in the cluster): the runner's tick. */
public final class ScheduleJob implements Job {

    static final String SCHEDULE_ID = "scheduleId";
    static final String FIRE_TIME = "fireTime";
    private static final Logger LOG = Logger.getLogger(ScheduleJob.class);

    private final ScheduleRunner runner;

    ScheduleJob(ScheduleRunner runner) {
        this.runner = runner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        UUID scheduleId = UUID.fromString(data.getString(SCHEDULE_ID));
        Instant fireTime = Instant.ofEpochMilli(Long.parseLong(data.getString(FIRE_TIME)));
        try {
            runner.fire(scheduleId, fireTime);
        } catch (RuntimeException e) {
            LOG.errorf(e, "schedule %s could not fire its tick of %s", scheduleId, fireTime);
            runner.planNext(scheduleId);
        }
    }
}
