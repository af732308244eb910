package io.flowfile.app.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What fires a schedule; the time-based triggers say when. */
public sealed interface ScheduleTrigger {

    /** The first {@code count} fire times strictly after {@code after}; none for a trigger that follows a flow. */
    List<Instant> next(Instant after, int count);

    /** What it means, in English. */
    String describe();

    /** A cron expression in a time zone. */
    record Cron(UnixCron cron, ZoneId zone) implements ScheduleTrigger {
        public Cron {
            requireNonNull(cron, "cron is null");
            requireNonNull(zone, "zone is null");
        }

        @Override
        public List<Instant> next(Instant after, int count) {
            return cron.next(after, zone, count);
        }

        @Override
        public String describe() {
            return cron.describe() + " (" + zone.getId() + ")";
        }
    }

    /** Every {@code every}, counted from {@code anchor} (when the schedule was made or its interval last changed). */
    record Interval(Duration every, Instant anchor) implements ScheduleTrigger {
        public Interval {
            requireNonNull(every, "every is null");
            requireNonNull(anchor, "anchor is null");
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("an interval must be positive, was " + every);
            }
        }

        @Override
        public List<Instant> next(Instant after, int count) {
            long everyMillis = every.toMillis();
            long since = after.toEpochMilli() - anchor.toEpochMilli();
            long k = since < 0 ? 1 : Math.floorDiv(since, everyMillis) + 1;
            List<Instant> times = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                times.add(anchor.plusMillis((k + i) * everyMillis));
            }
            return times;
        }

        @Override
        public String describe() {
            long seconds = every.toSeconds();
            if (seconds % 86400 == 0) {
                return plural(seconds / 86400, "day");
            }
            if (seconds % 3600 == 0) {
                return plural(seconds / 3600, "hour");
            }
            if (seconds % 60 == 0) {
                return plural(seconds / 60, "minute");
            }
            return plural(seconds, "second");
        }

        private static String plural(long n, String unit) {
            return n == 1 ? "every " + unit : "every " + n + " " + unit + "s";
        }
    }

    /** After each successful run of another registered flow. */
    record AfterFlow(String flow) implements ScheduleTrigger {
        public AfterFlow {
            requireNonNull(flow, "flow is null");
        }

        @Override
        public List<Instant> next(Instant after, int count) {
            return List.of();
        }

        @Override
        public String describe() {
            return "after each successful run of flow '" + flow + "'";
        }
    }
}
