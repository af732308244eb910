package io.flowfile.app.schedule;

import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleTrigger;

/**
 * What Quartz runs when a schedule's fire time comes (once in the cluster): the runner's tick. Quartz
 * does not keep fires of one schedule apart (that would cost it a lock more per fire); the runner does,
 * on its server, and the tick's unique claim records each time once in the cluster. A repeating
 * (interval) trigger's fire time is the one Quartz scheduled; a one-shot (cron) trigger carries its
 * own, as a late one fires at once.
 */
public final class ScheduleJob implements Job {

    static final String SCHEDULE_ID = "scheduleId";
    /** The first fire time of the trigger (for a one-shot trigger, its only one). */
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
        Instant first = Instant.ofEpochMilli(Long.parseLong(data.getString(FIRE_TIME)));
        boolean repeating = context.getTrigger() instanceof SimpleTrigger simple && simple.getRepeatCount() != 0;
        Instant fireTime = repeating ? context.getScheduledFireTime().toInstant() : first;
        // taken ahead of its time with a batch (at most the batch window): the tick starts at its time
        long early = fireTime.toEpochMilli() - System.currentTimeMillis();
        boolean interrupted = false;
        if (early > 0) {
            try {
                Thread.sleep(Math.min(early, 1000));
            } catch (InterruptedException e) {
                interrupted = true; // fire anyway: a one-shot trigger is spent, only the fire plans the next
            }
        }
        try {
            runner.fire(scheduleId, fireTime, repeating ? first : null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "schedule %s could not fire its tick of %s", scheduleId, fireTime);
            runner.planNext(scheduleId);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
