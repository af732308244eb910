package io.flowfile.app.schedule;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.spi.ClassLoadHelper;

/**
 * Quartz's PostgreSQL delegate (BYTEA columns, which H2 reads too) with two statements of every fire
 * made cheaper:
 * <ul>
 *   <li>Due triggers are asked for with a {@code LIMIT}: Quartz caps the rows on the JDBC side only,
 *       so the database sorted every due trigger each time (23 ms with 10,000 due, behind the
 *       cluster lock; 0.3 ms with the limit, read in fire-time order from an index).
 *   <li>A job's detail is read once: Quartz reads it twice per fire. A schedule's job never changes
 *       (the same class, durable, no data), and a trigger cannot outlive its job (a foreign key), so
 *       a detail kept for a trigger that still exists is the one in the database; this server's
 *       writes and deletes of a job drop it, and the kept ones are dropped when there are too many.
 * </ul>
 */
public class QuartzDelegate extends PostgreSQLDelegate {

    private static final int MAX_KEPT_JOBS = 100_000;

    private final Map<JobKey, JobDetail> jobs = new ConcurrentHashMap<>();

    @Override
    public List<TriggerKey> selectTriggerToAcquire(Connection connection, long noLaterThan, long noEarlierThan, int maxCount) throws SQLException {
        int limit = Math.max(1, maxCount);
        List<TriggerKey> keys = new ArrayList<>(limit);
        try (PreparedStatement statement = connection.prepareStatement(rtp(SELECT_NEXT_TRIGGER_TO_ACQUIRE) + " LIMIT " + limit)) {
            statement.setString(1, STATE_WAITING);
            statement.setBigDecimal(2, BigDecimal.valueOf(noLaterThan));
            statement.setBigDecimal(3, BigDecimal.valueOf(noEarlierThan));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next() && keys.size() < limit) {
                    keys.add(TriggerKey.triggerKey(rows.getString(COL_TRIGGER_NAME), rows.getString(COL_TRIGGER_GROUP)));
                }
            }
        }
        return keys;
    }

    @Override
    public JobDetail selectJobDetail(Connection connection, JobKey key, ClassLoadHelper loader)
            throws ClassNotFoundException, IOException, SQLException {
        JobDetail kept = jobs.get(key);
        if (kept != null) {
            return (JobDetail) kept.clone();
        }
        JobDetail job = super.selectJobDetail(connection, key, loader);
        if (job != null) {
            if (jobs.size() >= MAX_KEPT_JOBS) {
                jobs.clear();
            }
            jobs.put(key, (JobDetail) job.clone());
        }
        return job;
    }

    @Override
    public int insertJobDetail(Connection connection, JobDetail job) throws IOException, SQLException {
        jobs.remove(job.getKey());
        return super.insertJobDetail(connection, job);
    }

    @Override
    public int updateJobDetail(Connection connection, JobDetail job) throws IOException, SQLException {
        jobs.remove(job.getKey());
        return super.updateJobDetail(connection, job);
    }

    @Override
    public int deleteJobDetail(Connection connection, JobKey key) throws SQLException {
        jobs.remove(key);
        return super.deleteJobDetail(connection, key);
    }
}
