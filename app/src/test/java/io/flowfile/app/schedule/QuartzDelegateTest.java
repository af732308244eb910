package io.flowfile.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.Constants;
import org.quartz.simpl.CascadingClassLoadHelper;
import org.quartz.spi.OperableTrigger;
import org.slf4j.LoggerFactory;

/** The job store's delegate on the catalog's Quartz tables, under a scheduler name of its own. */
@QuarkusTest
class QuartzDelegateTest {

    private static final String GROUP = "delegate-test";

    @Inject
    AgroalDataSource dataSource;

    private final CascadingClassLoadHelper loader = new CascadingClassLoadHelper();

    private QuartzDelegate delegate() throws Exception {
        QuartzDelegate delegate = new QuartzDelegate();
        loader.initialize();
        delegate.initialize(LoggerFactory.getLogger(QuartzDelegateTest.class), "QRTZ_", "delegate-test-" + System.nanoTime(), "test",
                loader, true, null);
        return delegate;
    }

    @Test
    void takesTheEarliestDueTriggersUpToTheLimitInFireTimeOrder() throws Exception {
        QuartzDelegate delegate = delegate();
        long now = System.currentTimeMillis();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // 30 due triggers stored out of order, 5 not due yet
            List<Long> due = new ArrayList<>();
            for (int i = 0; i < 35; i++) {
                long fireTime = i < 30 ? now - 60_000 + (i * 7919L % 30) * 1_000 : now + 3_600_000 + i;
                if (i < 30) {
                    due.add(fireTime);
                }
                store(delegate, connection, "t" + i, fireTime);
            }
            List<TriggerKey> taken = delegate.selectTriggerToAcquire(connection, now, now - 600_000, 16);
            assertThat(taken).hasSize(16);
            List<Long> times = new ArrayList<>();
            for (TriggerKey key : taken) {
                times.add(delegate.selectTrigger(connection, key).getNextFireTime().getTime());
            }
            assertThat(times).isSorted().containsExactlyElementsOf(due.stream().sorted().limit(16).toList());
            assertThat(delegate.selectTriggerToAcquire(connection, now, now - 600_000, 0)).hasSize(1);
            assertThat(delegate.selectTriggerToAcquire(connection, now - 3_600_000, 0, 16)).isEmpty();
            connection.rollback();
        }
    }

    @Test
    void aJobIsReadOnceAndForgottenWhenDeleted() throws Exception {
        QuartzDelegate delegate = delegate();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            store(delegate, connection, "job", System.currentTimeMillis());
            JobKey key = JobKey.jobKey("job", GROUP);
            JobDetail first = delegate.selectJobDetail(connection, key, loader);
            JobDetail second = delegate.selectJobDetail(connection, key, loader);
            assertThat(second).isNotSameAs(first).isEqualTo(first);
            assertThat(second.getJobClass()).isEqualTo(ScheduleJob.class);
            assertThat(second.isDurable()).isTrue();
            delegate.deleteTrigger(connection, TriggerKey.triggerKey("job", GROUP));
            delegate.deleteJobDetail(connection, key);
            assertThat(delegate.selectJobDetail(connection, key, loader)).isNull();
            connection.rollback();
        }
    }

    private static void store(QuartzDelegate delegate, Connection connection, String name, long fireTime) throws Exception {
        JobDetail job = JobBuilder.newJob(ScheduleJob.class).withIdentity(name, GROUP).storeDurably().build();
        delegate.insertJobDetail(connection, job);
        OperableTrigger trigger = (OperableTrigger) TriggerBuilder.newTrigger().withIdentity(name, GROUP).forJob(job)
                .startAt(new Date(fireTime)).withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(60_000)
                        .repeatForever().withMisfireHandlingInstructionIgnoreMisfires()).build();
        trigger.computeFirstFireTime(null);
        delegate.insertTrigger(connection, trigger, Constants.STATE_WAITING, job);
    }
}
