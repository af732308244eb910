package io.flowfile.app.schedule;

import org.quartz.JobDetail;
import org.quartz.JobPersistenceException;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.spi.OperableTrigger;

/**
 * Quartz's JDBC job store, with the end of a repeating fire taken out of the cluster lock. Quartz
 * ends every fire in a transaction holding the lock on all triggers; for a fire that leaves its
 * trigger as it is (an interval schedule's: instruction NOOP, jobs that may run concurrently and keep
 * no data) that transaction only deletes the fire's own row of QRTZ_FIRED_TRIGGERS, which no other
 * server touches while this one lives. Under load the scheduler thread waited behind one such
 * transaction per fire before it could take the next due triggers. Every other ending (a one-shot
 * cron trigger's, which deletes it) keeps Quartz's locked path.
 */
public class QuartzJobStore extends JobStoreTX {

    @Override
    public void triggeredJobComplete(OperableTrigger trigger, JobDetail job, CompletedExecutionInstruction instruction) {
        if (instruction != CompletedExecutionInstruction.NOOP || job.isConcurrentExecutionDisallowed() || job.isPersistJobDataAfterExecution()) {
            super.triggeredJobComplete(trigger, job, instruction);
            return;
        }
        try {
            executeWithoutLock(connection -> {
                try {
                    getDelegate().deleteFiredTrigger(connection, trigger.getFireInstanceId());
                } catch (java.sql.SQLException e) {
                    throw new JobPersistenceException("the fire of " + trigger.getKey() + " could not be ended: " + e.getMessage(), e);
                }
                return null;
            });
        } catch (JobPersistenceException e) {
            super.triggeredJobComplete(trigger, job, instruction); // Quartz's path retries until the database answers
        }
    }
}
