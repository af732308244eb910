package io.flowfile.app.service;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.ScheduleDtos.FireTimeDto;
import io.flowfile.app.api.ScheduleDtos.TriggerPreviewDto;
import io.flowfile.app.api.ScheduleDtos.TriggerPreviewRequest;
import io.flowfile.app.api.ScheduleDtos.ScheduleDto;
import io.flowfile.app.api.ScheduleDtos.ScheduleRequest;
import io.flowfile.app.api.ScheduleDtos.TickDto;
import io.flowfile.app.api.ScheduleDtos.TriggerDto;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.config.FlowfileConfig;
import io.flowfile.app.schedule.ScheduleDefinition;
import io.flowfile.app.schedule.ScheduleRunner;
import io.flowfile.app.schedule.ScheduleTrigger;
import io.flowfile.app.schedule.ScheduleValidator;
import io.flowfile.app.security.Access;
import io.flowfile.catalog.api.ScheduleRecord;
import io.flowfile.catalog.api.ScheduleTickRecord;
import io.flowfile.catalog.api.ScheduleTriggerType;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.schedule.ScheduleCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Schedules over HTTP: a user sees and changes their own schedules, an admin all; any other
 * schedule does not exist for them (404). Every change is written to the catalog first, then the
 * scheduler is told (the next fire time planned, or the schedule taken out while paused).
 */
@ApplicationScoped
public class SchedulesService {

    public static final int MAX_FIRE_TIMES = 100;
    public static final int DEFAULT_FIRE_TIMES = 5;

    @Inject
    ScheduleCatalog catalog;

    @Inject
    FlowService flows;

    @Inject
    ScheduleRunner runner;

    @Inject
    Access access;

    @Inject
    FlowfileConfig config;

    public List<ScheduleDto> list(UserRecord user) {
        return catalog.list(access.ownerFilter(user)).stream().map(this::dto).toList();
    }

    public List<ScheduleDto> listForFlow(UserRecord user, String flow) {
        return catalog.listForFlow(flow, access.ownerFilter(user)).stream().map(this::dto).toList();
    }

    public ScheduleDto create(UserRecord user, ScheduleRequest request) {
        ScheduleDefinition definition = ScheduleValidator.definition(request, flows, config.scheduler().minInterval(),
                config.scheduler().webhookLocal(), Instant.now());
        boolean paused = Boolean.TRUE.equals(request.paused());
        ScheduleRecord created = catalog.create(user.username(), request.flow(), type(definition.trigger()), definition.trigger().afterFlow(),
                definition.toJson(), paused, paused ? "created paused by " + user.username() : null);
        runner.planNext(created.id());
        return dto(created);
    }

    /** Replaces the schedule's flow, version, trigger, parameters and policies (an interval counts again from now when it changed). */
    public ScheduleDto update(UserRecord user, UUID id, ScheduleRequest request) {
        ScheduleRecord existing = get(user, id);
        ScheduleDefinition before = ScheduleDefinition.fromJson(existing.definition());
        ScheduleDefinition checked = ScheduleValidator.definition(request, flows, config.scheduler().minInterval(),
                config.scheduler().webhookLocal(), Instant.now());
        Instant anchor = Objects.equals(before.trigger(), checked.trigger()) ? before.anchor() : checked.anchor();
        ScheduleDefinition definition = new ScheduleDefinition(checked.trigger(), checked.version(), checked.parameters(), checked.policies(),
                anchor, checked.webhook());
        ScheduleRecord updated = catalog.update(id, request.flow(), type(definition.trigger()), definition.trigger().afterFlow(),
                definition.toJson());
        runner.planNext(id);
        return dto(updated);
    }

    public void delete(UserRecord user, UUID id) {
        get(user, id);
        runner.unplan(id);
        catalog.delete(id);
    }

    public ScheduleDto pause(UserRecord user, UUID id) {
        get(user, id);
        ScheduleRecord paused = catalog.pause(id, "paused by " + user.username());
        runner.unplan(id);
        return dto(paused);
    }

    /** Resumes from now on: fire times that passed while it was paused are not run. */
    public ScheduleDto resume(UserRecord user, UUID id) {
        get(user, id);
        ScheduleRecord resumed = catalog.resume(id);
        runner.planNext(id);
        return dto(resumed);
    }

    public TickDto runNow(UserRecord user, UUID id) {
        return dto(runner.runNow(get(user, id), user.username()));
    }

    public ScheduleDto detail(UserRecord user, UUID id) {
        return dto(get(user, id));
    }

    public List<TickDto> ticks(UserRecord user, UUID id, int limit) {
        get(user, id);
        return catalog.ticks(id, limit).stream().map(SchedulesService::dto).toList();
    }

    /** The schedule's next {@code count} fire times (none when paused or for after_flow). */
    public TriggerPreviewDto next(UserRecord user, UUID id, int count) {
        ScheduleRecord schedule = get(user, id);
        ScheduleDefinition definition = ScheduleDefinition.fromJson(schedule.definition());
        TriggerPreviewDto preview = preview(definition.trigger(), definition.toTrigger(), checkedCount(count));
        return schedule.paused() ? new TriggerPreviewDto(preview.description(), preview.zone(), List.of()) : preview;
    }

    /** What an (unsaved) trigger means and its next fire times from now. */
    public TriggerPreviewDto preview(TriggerPreviewRequest request) {
        if (request == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "the request body must be {trigger, count}");
        }
        TriggerDto trigger = ScheduleValidator.trigger(request.trigger(), flows, config.scheduler().minInterval());
        int count = checkedCount(request.count() == null ? DEFAULT_FIRE_TIMES : request.count());
        return preview(trigger, ScheduleDefinition.toTrigger(trigger, Instant.now()), count);
    }

    private static int checkedCount(int count) {
        if (count < 1 || count > MAX_FIRE_TIMES) {
            throw new ApiException(ServerErrorCode.INVALID_SCHEDULE, "count: must be between 1 and " + MAX_FIRE_TIMES + ", was " + count);
        }
        return count;
    }

    private static TriggerPreviewDto preview(TriggerDto dto, ScheduleTrigger trigger, int count) {
        ZoneId zone = zone(dto);
        List<FireTimeDto> times = trigger.next(Instant.now(), count).stream().map(time -> fireTime(time, zone)).toList();
        return new TriggerPreviewDto(trigger.describe(), zone.getId(), times);
    }

    private static ZoneId zone(TriggerDto trigger) {
        return trigger.zone() == null ? ZoneOffset.UTC : ZoneId.of(trigger.zone());
    }

    static FireTimeDto fireTime(Instant time, ZoneId zone) {
        return new FireTimeDto(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(zone)), time);
    }

    private ScheduleRecord get(UserRecord user, UUID id) {
        ScheduleRecord schedule = catalog.find(id).orElse(null);
        if (schedule == null || !access.maySee(user, schedule.owner())) {
            throw new ApiException(ServerErrorCode.SCHEDULE_NOT_FOUND, "schedule " + id + " not found");
        }
        return schedule;
    }

    private static ScheduleTriggerType type(TriggerDto trigger) {
        return ScheduleTriggerType.valueOf(trigger.type().toUpperCase(Locale.ROOT));
    }

    private ScheduleDto dto(ScheduleRecord schedule) {
        ScheduleDefinition definition = ScheduleDefinition.fromJson(schedule.definition());
        ScheduleTrigger trigger = definition.toTrigger();
        FireTimeDto next = schedule.paused() ? null
                : trigger.next(Instant.now(), 1).stream().findFirst().map(time -> fireTime(time, zone(definition.trigger()))).orElse(null);
        TickDto last = catalog.ticks(schedule.id(), 1).stream().findFirst().map(SchedulesService::dto).orElse(null);
        return new ScheduleDto(schedule.id(), schedule.flowName(), definition.version(), definition.trigger(), trigger.describe(),
                definition.parameters(), definition.policies().dto(), definition.webhook(), schedule.paused(), schedule.pausedReason(),
                schedule.consecutiveFailures(), schedule.owner(), schedule.createdAt(), schedule.updatedAt(), next, last);
    }

    static TickDto dto(ScheduleTickRecord tick) {
        return new TickDto(tick.id(), tick.fireTime(), tick.kind().name().toLowerCase(Locale.ROOT), tick.outcome().name().toLowerCase(Locale.ROOT),
                tick.runId(), tick.flowVersion(), tick.attempts(), tick.message(), tick.createdAt(), tick.updatedAt());
    }
}
