package io.flowfile.catalog.schedule;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.FlowRecord;
import io.flowfile.catalog.api.ScheduleRecord;
import io.flowfile.catalog.api.ScheduleTickRecord;
import io.flowfile.catalog.api.ScheduleTriggerType;
import io.flowfile.catalog.api.TickKind;
import io.flowfile.catalog.api.TickOutcome;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Times;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Schedules of registered flows and their ticks. A tick is claimed once per (schedule, fire time):
 * the unique key makes a second claim of the same fire time fail, on this server or another one
 * sharing the database ({@link #claimTick} then answers empty).
 */
@ApplicationScoped
public class ScheduleCatalog {

    public static final int MAX_LIST = 1000;
    /** The kinds of ticks a timed trigger makes (not run now, not after-flow). */
    private static final List<TickKind> TIMED_KINDS = List.of(TickKind.SCHEDULED,
            TickKind.CATCH_UP);
    public static final int MAX_DEFINITION = 16000;

    private final FlowService flows;
    private final ScheduleRepository schedules;
    private final ScheduleTickRepository ticks;
    private final FireStatements fires;

    public ScheduleCatalog(FlowService flows, ScheduleRepository schedules, ScheduleTickRepository ticks, FireStatements fires) {
        this.flows = flows;
        this.schedules = schedules;
        this.ticks = ticks;
        this.fires = fires;
    }

    /**
     * A new schedule of flow {@code flow}, owned by {@code owner}.
     *
     * @param afterFlow  the flow whose successful runs fire it (trigger AFTER_FLOW only), else null
     * @param definition the app's JSON document of trigger, parameters and policies
     */
    @Transactional
    public ScheduleRecord create(String owner, String flow, ScheduleTriggerType triggerType, String afterFlow, String definition,
                                 boolean paused, String pausedReason) {
        Checks.username(owner, "owner of the schedule");
        Instant now = Times.now();
        ScheduleEntity entity = new ScheduleEntity(owner, now);
        define(entity, flow, triggerType, afterFlow, definition, now);
        if (paused) {
            entity.pause(Checks.optionalText(pausedReason, "reason", Checks.MAX_TEXT), now);
        }
        Conflicts.withReferences(() -> {
            schedules.persistAndFlush(entity);
            return null;
        }, deleted -> flowDeleted(flow, afterFlow, deleted));
        return toRecord(entity);
    }

    /** Replaces the schedule's flow, trigger and definition; pause state and failure count stay. */
    @Transactional
    public ScheduleRecord update(UUID id, String flow, ScheduleTriggerType triggerType, String afterFlow, String definition) {
        ScheduleEntity entity = locked(id);
        define(entity, flow, triggerType, afterFlow, definition, Times.now());
        Conflicts.withReferences(() -> {
            schedules.flush();
            return null;
        }, deleted -> flowDeleted(flow, afterFlow, deleted));
        return toRecord(entity);
    }

    /** A flow the schedule names was deleted after {@link #define} found it. */
    private static CatalogException flowDeleted(String flow, String afterFlow, Throwable cause) {
        return new CatalogException(CatalogErrorCode.FLOW_NOT_FOUND, "flow '" + flow + "'" + (afterFlow == null ? "" : " or '" + afterFlow + "'")
                + " was deleted while its schedule was being saved", cause);
    }

    private void define(ScheduleEntity entity, String flow, ScheduleTriggerType triggerType, String afterFlow, String definition,
                        Instant now) {
        Checks.notNull(triggerType, "trigger type");
        FlowRecord target = flows.get(Checks.notNull(flow, "flow"));
        UUID afterFlowId = null;
        if (triggerType == ScheduleTriggerType.AFTER_FLOW) {
            afterFlowId = flows.get(Checks.notNull(afterFlow, "flow the schedule follows")).id();
        } else if (afterFlow != null) {
            throw Checks.invalid("only an AFTER_FLOW schedule follows a flow, not a " + triggerType + " one");
        }
        entity.define(target.id(), triggerType, afterFlowId, Checks.text(definition, "definition", MAX_DEFINITION), now);
    }

    /** Pauses the schedule, saying why. */
    @Transactional
    public ScheduleRecord pause(UUID id, String reason) {
        ScheduleEntity entity = locked(id);
        entity.pause(Checks.optionalText(reason, "reason", Checks.MAX_TEXT), Times.now());
        return toRecord(entity);
    }

    /** Resumes the schedule: its failure count starts again at 0. */
    @Transactional
    public ScheduleRecord resume(UUID id) {
        ScheduleEntity entity = locked(id);
        entity.resume(Times.now());
        return toRecord(entity);
    }

    /**
     * Counts a finished tick: a success resets the consecutive failures, a failure adds one.
     *
     * @return the schedule as it is now
     */
    @Transactional
    public ScheduleRecord recordOutcome(UUID id, boolean succeeded) {
        ScheduleEntity entity = locked(id);
        entity.recordOutcome(succeeded);
        return toRecord(entity);
    }

    @Transactional
    public void delete(UUID id) {
        schedules.delete(locked(id));
    }

    /** SCHEDULE_NOT_FOUND when no schedule has that id. */
    @Transactional
    public ScheduleRecord get(UUID id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public Optional<ScheduleRecord> find(UUID id) {
        Checks.notNull(id, "schedule id");
        return schedules.findByIdOptional(id).map(this::toRecord);
    }

    /**
     * What a schedule's fire needs to know: the schedule, the newest fire time of its scheduled and
     * catch-up ticks, and its ticks in the {@code active} outcomes (oldest first); empty when the
     * schedule is gone. Read in SQL, not through the ORM ({@link FireStatements}: every fire asks).
     */
    public Optional<FireContext> fireContext(UUID id, Collection<TickOutcome> active) {
        Checks.notNull(id, "schedule id");
        Checks.notNull(active, "active outcomes");
        outsideTransactions("fireContext");
        Optional<FireStatements.Fire> read;
        try {
            read = fires.read(id, active, TIMED_KINDS);
        } catch (SQLException e) {
            throw databaseFailed("schedule " + id + " could not be read for its fire", e);
        }
        return read.map(fire -> {
            Optional<Instant> lastFire = fire.ticks().stream().filter(tick -> TIMED_KINDS.contains(tick.kind())).map(ScheduleTickRecord::fireTime)
                    .max(java.util.Comparator.naturalOrder());
            return new FireContext(fire.schedule(), lastFire, fire.ticks().stream().filter(tick -> active.contains(tick.outcome())).toList());
        });
    }

    /** A schedule as it fires: {@code lastFire} of its scheduled or catch-up ticks, and its active ticks. */
    public record FireContext(ScheduleRecord schedule, Optional<Instant> lastFire, List<ScheduleTickRecord> active) {
    }

    /** The newest fire time of each schedule's scheduled or catch-up ticks, by schedule (schedules without any left out). */
    @Transactional
    public java.util.Map<UUID, Instant> lastFires() {
        return ticks.lastFires(TIMED_KINDS);
    }

    /** Every schedule, or only {@code owner}'s, oldest first. */
    @Transactional
    public List<ScheduleRecord> list(Optional<String> owner) {
        return schedules.listAll(Checks.notNull(owner, "owner")).stream().map(this::toRecord).toList();
    }

    /** The schedules of flow {@code flow}, or only {@code owner}'s; FLOW_NOT_FOUND when there is no such flow. */
    @Transactional
    public List<ScheduleRecord> listForFlow(String flow, Optional<String> owner) {
        Checks.notNull(owner, "owner");
        return schedules.listForFlow(flows.get(flow).id(), owner).stream().map(this::toRecord).toList();
    }

    /** The schedules (not paused) that a successful run of the flow with id {@code flowId} fires. */
    @Transactional
    public List<ScheduleRecord> listAfterFlow(UUID flowId) {
        return schedules.listAfterFlow(Checks.notNull(flowId, "flow id")).stream().map(this::toRecord).toList();
    }

    /** The schedules (not paused) with a cron or interval trigger. */
    @Transactional
    public List<ScheduleRecord> listTimed() {
        java.util.Map<UUID, Optional<String>> names = new java.util.HashMap<>(); // many schedules, few flows
        return schedules.listTimed().stream().map(entity -> toRecord(entity, names)).toList();
    }

    /**
     * Records the tick of the schedule at {@code fireTime} (to the millisecond), unless it is
     * recorded already: then, here or on another server, someone else fired it, and the answer is
     * empty.
     */
    public Optional<ScheduleTickRecord> claimTick(UUID scheduleId, Instant fireTime, TickKind kind, TickOutcome outcome, String message) {
        return claimTick(scheduleId, fireTime, kind, outcome, message, null);
    }

    /**
     * {@link #claimTick(UUID, Instant, TickKind, TickOutcome, String)} by the scheduler instance
     * {@code instance} (null: none), which the tick then waits on while it runs.
     */
    public Optional<ScheduleTickRecord> claimTick(UUID scheduleId, Instant fireTime, TickKind kind, TickOutcome outcome, String message,
                                                  String instance) {
        Checks.notNull(scheduleId, "schedule id");
        Checks.notNull(kind, "kind");
        Checks.notNull(outcome, "outcome");
        Instant at = Checks.notNull(fireTime, "fire time").truncatedTo(ChronoUnit.MILLIS);
        outsideTransactions("claimTick");
        try {
            // one statement (FireStatements: every fire claims): the unique (schedule, fire time) key refuses
            // a time fired already, the foreign key a schedule that is gone
            return Optional.of(fires.insert(scheduleId, at, kind, outcome, Checks.truncate(message, Checks.MAX_TEXT), instance, Times.now()));
        } catch (SQLException e) {
            if (Conflicts.isUniqueViolation(e)) {
                return Optional.empty();
            }
            if (Conflicts.isForeignKeyViolation(e)) {
                throw notFound(scheduleId);
            }
            if (Conflicts.isLockConflict(e)) {
                throw Conflicts.concurrentUpdate("the tick of schedule " + scheduleId + " at " + at, e);
            }
            throw databaseFailed("the tick of schedule " + scheduleId + " at " + at + " could not be written", e);
        }
    }

    /**
     * The fire's statements run on a connection of their own: inside a transaction they would join
     * it without the ORM flushing what the transaction changed before (a schedule persisted in it
     * would not be found), so they are refused there.
     */
    private static void outsideTransactions(String method) {
        if (QuarkusTransaction.isActive()) {
            throw new IllegalStateException("ScheduleCatalog." + method + " runs outside transactions (its statements do not see the ORM's"
                    + " unflushed changes); call it outside one");
        }
    }

    /** A statement of a fire failed in the database: its SQL state is named, the statement and its values stay in the cause. */
    private static CatalogException databaseFailed(String what, SQLException e) {
        return new CatalogException(CatalogErrorCode.STORAGE_ERROR, what + ": the catalog's database failed (SQL state " + e.getSQLState() + ")", e);
    }

    /** The tick's attempt {@code attempts + 1} started run {@code runId} of version {@code version}: RUNNING. */
    @Transactional
    public ScheduleTickRecord tickStarted(UUID tickId, UUID runId, int version) {
        return tickStarted(tickId, runId, version, null);
    }

    /** {@link #tickStarted(UUID, UUID, int)} on the scheduler instance {@code instance}, which the tick now waits on. */
    @Transactional
    public ScheduleTickRecord tickStarted(UUID tickId, UUID runId, int version, String instance) {
        ScheduleTickEntity tick = lockedTick(tickId);
        tick.started(Checks.notNull(runId, "run id"), version, instance, Times.now());
        return tick.toRecord();
    }

    /**
     * Running or retrying ticks that wait on a scheduler instance not in {@code live} (a server that
     * stopped without ending them: killed), oldest fire time first.
     */
    @Transactional
    public List<ScheduleTickRecord> orphanedTicks(Collection<TickOutcome> active, Collection<String> live) {
        Checks.notNull(active, "active outcomes");
        if (Checks.notNull(live, "live scheduler instances").isEmpty()) {
            throw Checks.invalid("at least one live scheduler instance is needed");
        }
        return ticks.activeOutside(List.copyOf(active), List.copyOf(live)).stream().map(ScheduleTickEntity::toRecord).toList();
    }

    /** A run no tick names: its id and the version of the flow it runs. */
    public record UnnamedRun(UUID runId, int flowVersion) {
    }

    /**
     * A run of the schedule that a server instance not among {@code live} recorded and no tick names
     * (it died between recording the run and naming it on its tick).
     */
    @Transactional
    public Optional<UnnamedRun> unnamedRun(UUID scheduleId, Collection<String> live) {
        Checks.notNull(scheduleId, "schedule id");
        Checks.notNull(live, "live scheduler instances");
        return ticks.getEntityManager().createQuery("select r.id, r.flowVersion from RunEntity r where r.scheduleId = :schedule"
                        + " and r.serverInstance is not null and r.serverInstance not in :live"
                        + " and not exists (select 1 from ScheduleTickEntity t where t.runId = r.id)", Object[].class)
                .setParameter("schedule", scheduleId).setParameter("live", live).setMaxResults(1).getResultStream().findFirst()
                .map(row -> new UnnamedRun((UUID) row[0], ((Number) row[1]).intValue()));
    }

    /**
     * Takes an orphaned tick over for scheduler instance {@code instance}: only while it is still in
     * {@code active} and waits on an instance not in {@code live} (of several servers finding it, one wins).
     *
     * @return whether this caller took it
     */
    @Transactional
    public boolean takeOverTick(UUID tickId, Collection<TickOutcome> active, Collection<String> live, String instance) {
        Checks.notNull(active, "active outcomes");
        Checks.notNull(live, "live scheduler instances");
        ScheduleTickEntity tick = lockedTick(tickId);
        if (!active.contains(tick.outcome()) || tick.instanceId() == null || live.contains(tick.instanceId())) {
            return false;
        }
        tick.instance(Checks.notNull(instance, "instance"));
        return true;
    }

    /** Sets what became of the tick (so far) and why. */
    @Transactional
    public ScheduleTickRecord updateTick(UUID tickId, TickOutcome outcome, String message) {
        ScheduleTickEntity tick = lockedTick(tickId);
        tick.update(Checks.notNull(outcome, "outcome"), Checks.truncate(message, Checks.MAX_TEXT), Times.now());
        return tick.toRecord();
    }

    /**
     * Sets the tick's outcome only when it is {@code expected} now (a tick another caller moved on
     * stays as it is).
     *
     * @return whether it changed
     */
    @Transactional
    public boolean updateTickIf(UUID tickId, TickOutcome expected, TickOutcome outcome, String message) {
        ScheduleTickEntity tick = lockedTick(tickId);
        if (tick.outcome() != expected) {
            return false;
        }
        tick.update(Checks.notNull(outcome, "outcome"), Checks.truncate(message, Checks.MAX_TEXT), Times.now());
        return true;
    }

    @Transactional
    public Optional<ScheduleTickRecord> tickOfRun(UUID runId) {
        return ticks.findByRun(Checks.notNull(runId, "run id")).map(ScheduleTickEntity::toRecord);
    }

    /** The schedule's ticks in these outcomes, oldest fire time first. */
    @Transactional
    public List<ScheduleTickRecord> ticksWithOutcome(UUID scheduleId, Collection<TickOutcome> outcomes) {
        Checks.notNull(scheduleId, "schedule id");
        Checks.notNull(outcomes, "outcomes");
        return ticks.withOutcome(scheduleId, List.copyOf(outcomes)).stream().map(ScheduleTickEntity::toRecord).toList();
    }

    /** The newest {@code limit} (1-1000) ticks of the schedule, newest fire time first. */
    @Transactional
    public List<ScheduleTickRecord> ticks(UUID scheduleId, int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw Checks.invalid("limit must be between 1 and " + MAX_LIST + ", was " + limit);
        }
        get(scheduleId);
        return ticks.newest(scheduleId, limit).stream().map(ScheduleTickEntity::toRecord).toList();
    }

    private ScheduleEntity locked(UUID id) {
        Checks.notNull(id, "schedule id");
        return Conflicts.locked("schedule " + id, () -> schedules.findForUpdate(id)).orElseThrow(() -> notFound(id));
    }

    private ScheduleTickEntity lockedTick(UUID tickId) {
        Checks.notNull(tickId, "tick id");
        return Conflicts.locked("tick " + tickId, () -> ticks.findForUpdate(tickId)).orElseThrow(() -> new CatalogException(
                CatalogErrorCode.SCHEDULE_NOT_FOUND, "no schedule tick has id " + tickId));
    }

    private ScheduleRecord toRecord(ScheduleEntity entity) {
        return toRecord(entity, new java.util.HashMap<>());
    }

    /** @param names flow names already looked up, by flow id */
    private ScheduleRecord toRecord(ScheduleEntity entity, java.util.Map<UUID, Optional<String>> names) {
        String flowName = names.computeIfAbsent(entity.flowId(), flows::name).orElse(null);
        String afterFlowName = entity.afterFlowId() == null ? null : flows.name(entity.afterFlowId()).orElse(null);
        return new ScheduleRecord(entity.id(), entity.flowId(), flowName, entity.owner(), entity.triggerType(), entity.afterFlowId(),
                afterFlowName, entity.definition(), entity.paused(), entity.pausedReason(), entity.consecutiveFailures(),
                entity.createdAt(), entity.updatedAt());
    }

    private static CatalogException notFound(UUID id) {
        return new CatalogException(CatalogErrorCode.SCHEDULE_NOT_FOUND, "no schedule has id " + id);
    }
}
