package io.flowfile.catalog.schedule;

import io.flowfile.catalog.api.ScheduleRecord;
import io.flowfile.catalog.api.ScheduleTickRecord;
import io.flowfile.catalog.api.ScheduleTriggerType;
import io.flowfile.catalog.api.TickKind;
import io.flowfile.catalog.api.TickOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The two statements every fire of a schedule makes, in SQL on the catalog's datasource instead of
 * through Hibernate: reading what the fire needs (the schedule with its flow's name, its active
 * ticks and its newest fire time) and inserting the tick. A server fires thousands of ticks a
 * minute; through the ORM each cost a session, a transaction, entity loads and a flush, most of a
 * Quartz worker's CPU, and a server that had just started spent seconds interpreting that code
 * before the compiler caught up (the scheduler benchmark's first minute). The rows are the ones the
 * entities map ({@link ScheduleEntity}, {@link ScheduleTickEntity}). Each call takes a connection of
 * its own and commits by itself: the catalog calls it outside transactions only (inside one it
 * would not see the ORM's unflushed changes).
 */
@ApplicationScoped
class FireStatements {

    private static final String SCHEDULE = "SELECT s.id, s.flow_id, s.owner, s.trigger_type, s.after_flow_id, s.definition, s.paused,"
            + " s.paused_reason, s.consecutive_failures, s.created_at, s.updated_at, f.name, f.last_version, a.name, a.last_version"
            + " FROM schedules s JOIN flows f ON f.id = s.flow_id LEFT JOIN flows a ON a.id = s.after_flow_id WHERE s.id = ?";
    private static final String TICK_COLUMNS = "id, schedule_id, fire_time, kind, outcome, run_id, flow_version, attempts, message,"
            + " created_at, updated_at";
    private static final String INSERT_TICK = "INSERT INTO schedule_ticks (" + TICK_COLUMNS + ", instance_id)"
            + " VALUES (?, ?, ?, ?, ?, NULL, NULL, 0, ?, ?, ?, ?)";

    private final DataSource dataSource;

    FireStatements(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The schedule, and its ticks in {@code outcomes} or at the newest fire time of {@code kinds} (oldest first); empty when it is gone. */
    Optional<Fire> read(UUID scheduleId, Collection<TickOutcome> outcomes, Collection<TickKind> kinds) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            ScheduleRecord schedule;
            try (PreparedStatement query = connection.prepareStatement(SCHEDULE)) {
                query.setObject(1, scheduleId);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    schedule = new ScheduleRecord(row.getObject(1, UUID.class), row.getObject(2, UUID.class), registeredName(row, 12),
                            row.getString(3), ScheduleTriggerType.valueOf(row.getString(4)), row.getObject(5, UUID.class),
                            registeredName(row, 14), row.getString(6), row.getBoolean(7), row.getString(8), row.getInt(9), instant(row, 10),
                            instant(row, 11));
                }
            }
            String sql = "SELECT " + TICK_COLUMNS + " FROM schedule_ticks WHERE schedule_id = ? AND (" + in("outcome", outcomes.size())
                    + " OR fire_time = (SELECT max(u.fire_time) FROM schedule_ticks u WHERE u.schedule_id = ? AND " + in("u.kind", kinds.size())
                    + ")) ORDER BY fire_time";
            List<ScheduleTickRecord> ticks = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                int at = 1;
                query.setObject(at++, scheduleId);
                for (TickOutcome outcome : outcomes) {
                    query.setString(at++, outcome.name());
                }
                query.setObject(at++, scheduleId);
                for (TickKind kind : kinds) {
                    query.setString(at++, kind.name());
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ticks.add(tick(rows));
                    }
                }
            }
            return Optional.of(new Fire(schedule, Collections.unmodifiableList(ticks)));
        }
    }

    /** Inserts a new tick; the unique (schedule, fire time) key and the schedule's foreign key refuse it with their SQL states. */
    ScheduleTickRecord insert(UUID scheduleId, Instant fireTime, TickKind kind, TickOutcome outcome, String message, String instance,
                              Instant now) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(INSERT_TICK)) {
            insert.setObject(1, id);
            insert.setObject(2, scheduleId);
            insert.setObject(3, timestamp(fireTime));
            insert.setString(4, kind.name());
            insert.setString(5, outcome.name());
            insert.setString(6, message);
            insert.setObject(7, timestamp(now));
            insert.setObject(8, timestamp(now));
            insert.setString(9, instance);
            insert.executeUpdate();
        }
        return new ScheduleTickRecord(id, scheduleId, fireTime, kind, outcome, null, null, 0, message, now, now);
    }

    /** A schedule read for a fire, with its ticks as {@link #read} selected them. */
    record Fire(ScheduleRecord schedule, List<ScheduleTickRecord> ticks) {
    }

    private static ScheduleTickRecord tick(ResultSet row) throws SQLException {
        int version = row.getInt(7);
        Integer flowVersion = row.wasNull() ? null : version;
        return new ScheduleTickRecord(row.getObject(1, UUID.class), row.getObject(2, UUID.class), instant(row, 3),
                TickKind.valueOf(row.getString(4)), TickOutcome.valueOf(row.getString(5)), row.getObject(6, UUID.class), flowVersion,
                row.getInt(8), row.getString(9), instant(row, 10), instant(row, 11));
    }

    /** A flow's name as the catalog shows it: only once it has a registered version (FlowService.name). */
    private static String registeredName(ResultSet row, int column) throws SQLException {
        String name = row.getString(column);
        return name != null && row.getInt(column + 1) > 0 ? name : null;
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** {@code column IN (?, ...)} with {@code count} parameters; false when there are none. */
    private static String in(String column, int count) {
        return count == 0 ? "1 = 0" : column + " IN (" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }
}
