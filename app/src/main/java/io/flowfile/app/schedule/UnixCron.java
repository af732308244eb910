package io.flowfile.app.schedule;

import static java.util.Objects.requireNonNull;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A 5-field UNIX cron expression (minute, hour, day of month, month, day of week; day of month and
 * day of week match when either does, as in cron) or a nickname ({@code @yearly}, {@code @annually},
 * {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}). Parsing,
 * the plain-English description and the matching local times come from cron-utils; this class only
 * places those local times on the time line of a zone, by these rules for daylight saving time:
 *
 * <ul>
 *   <li>a local time that does not exist (the clock jumps over it) fires once, at the end of the
 *       gap: {@code 30 2 * * *} in Europe/Berlin on 2026-03-29 fires at 03:00 CEST, and
 *       {@code *&#47;15 2 * * *} fires there once, not four times;</li>
 *   <li>a local time that occurs twice (the clock goes back) fires once, at its first occurrence,
 *       unless the hour field is {@code *} or a step ({@code *&#47;2}, {@code 1-5/2}): such an
 *       expression means "every so many hours", and fires at both occurrences.</li>
 * </ul>
 */
public final class UnixCron {

    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
            .withSupportedNicknameYearly().withSupportedNicknameAnnually().withSupportedNicknameMonthly()
            .withSupportedNicknameWeekly().withSupportedNicknameDaily().withSupportedNicknameMidnight()
            .withSupportedNicknameHourly()
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);
    /** Longer than any shift of a zone's clock: local times this much before a start may still fire after it. */
    private static final long MARGIN_HOURS = 3;

    private final String expression;
    private final Cron cron;
    private final ExecutionTime executions;
    private final boolean repeatsHourly;

    private UnixCron(String expression, Cron cron) {
        this.expression = expression;
        this.cron = cron;
        this.executions = ExecutionTime.forCron(cron);
        FieldExpression hours = cron.retrieve(CronFieldName.HOUR).getExpression();
        this.repeatsHourly = hours instanceof Always || hours instanceof Every;
    }

    /**
     * The expression parsed.
     *
     * @throws IllegalArgumentException with the library's message when it is not a valid expression
     */
    public static UnixCron parse(String expression) {
        requireNonNull(expression, "expression is null");
        String trimmed = expression.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a cron expression must not be empty");
        }
        Cron cron = PARSER.parse(trimmed);
        cron.validate();
        return new UnixCron(trimmed, cron);
    }

    public String expression() {
        return expression;
    }

    /** What it means, in English (cron-utils' description). */
    public String describe() {
        return CronDescriptor.instance(Locale.UK).describe(cron);
    }

    /** Whether the hour field is {@code *} or a step, so that a repeated local hour fires twice. */
    public boolean repeatsHourly() {
        return repeatsHourly;
    }

    /** The first {@code count} fire times strictly after {@code after}, in order (fewer when the expression matches no more). */
    public List<Instant> next(Instant after, ZoneId zone, int count) {
        requireNonNull(after, "after is null");
        requireNonNull(zone, "zone is null");
        ZoneRules rules = zone.getRules();
        TreeSet<Instant> found = new TreeSet<>();
        // local times are walked as if they were UTC date-times: the library matches wall-clock fields only
        ZonedDateTime cursor = LocalDateTime.ofInstant(after, zone).minusHours(MARGIN_HOURS).atZone(ZoneOffset.UTC);
        int limit = count * 50 + 1000;
        for (int step = 0; step < limit && count > 0; step++) {
            Optional<ZonedDateTime> match = executions.nextExecution(cursor);
            if (match.isEmpty()) {
                break;
            }
            LocalDateTime local = match.get().toLocalDateTime();
            List<Instant> instants = instants(local, rules);
            Instant earliest = instants.getFirst();
            // the earliest instant of a local time never decreases as local time goes on: once it passes
            // the count-th time found, no later local time can come before it
            if (found.size() >= count && earliest.isAfter(nth(found, count))) {
                break;
            }
            instants.stream().filter(instant -> instant.isAfter(after)).forEach(found::add);
            cursor = match.get();
        }
        return found.stream().limit(count).toList();
    }

    /** Where local time {@code local} is on the time line: one instant, or two for a repeated hour of an hourly expression. */
    private List<Instant> instants(LocalDateTime local, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return List.of(gap.getInstant());
        }
        List<Instant> instants = new ArrayList<>();
        offsets.forEach(offset -> instants.add(local.toInstant(offset)));
        instants.sort(null);
        return repeatsHourly ? instants : List.of(instants.getFirst());
    }

    private static Instant nth(TreeSet<Instant> found, int n) {
        return found.stream().skip(n - 1L).findFirst().orElseThrow();
    }

    @Override
    public String toString() {
        return expression;
    }
}
