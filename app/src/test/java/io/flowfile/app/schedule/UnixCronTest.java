package io.flowfile.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fire times of cron triggers, daylight saving time included (Europe/Berlin and America/New_York, 2026). */
class UnixCronTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static List<Instant> next(String cron, ZoneId zone, String after, int count) {
        return UnixCron.parse(cron).next(Instant.parse(after), zone, count);
    }

    private static List<Instant> instants(String... texts) {
        return java.util.Arrays.stream(texts).map(Instant::parse).toList();
    }

    @Test
    void firesAtLocalTimesOfItsZone() {
        assertThat(next("0 6 * * 1-5", BERLIN, "2026-06-05T12:00:00Z", 3)) // a Friday in summer time (+02:00)
                .isEqualTo(instants("2026-06-08T04:00:00Z", "2026-06-09T04:00:00Z", "2026-06-10T04:00:00Z"));
        assertThat(next("*/20 * * * *", ZoneId.of("UTC"), "2026-01-01T00:00:00Z", 3))
                .isEqualTo(instants("2026-01-01T00:20:00Z", "2026-01-01T00:40:00Z", "2026-01-01T01:00:00Z"));
    }

    @Test
    void nicknamesAreUnderstood() {
        assertThat(next("@daily", BERLIN, "2026-01-10T12:00:00Z", 1)).isEqualTo(instants("2026-01-10T23:00:00Z"));
        assertThat(next("@hourly", ZoneId.of("UTC"), "2026-01-10T12:00:00Z", 1)).isEqualTo(instants("2026-01-10T13:00:00Z"));
        assertThat(next("@weekly", ZoneId.of("UTC"), "2026-01-10T12:00:00Z", 1)).isEqualTo(instants("2026-01-11T00:00:00Z"));
        assertThat(next("@monthly", ZoneId.of("UTC"), "2026-01-10T12:00:00Z", 1)).isEqualTo(instants("2026-02-01T00:00:00Z"));
        assertThat(next("@yearly", ZoneId.of("UTC"), "2026-01-10T12:00:00Z", 1)).isEqualTo(instants("2027-01-01T00:00:00Z"));
        assertThat(UnixCron.parse("@daily").describe()).isNotBlank();
    }

    @Test
    void aLocalTimeInTheSpringGapFiresOnceAtTheEndOfTheGap() {
        // Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00Z)
        assertThat(next("30 2 * * *", BERLIN, "2026-03-28T12:00:00Z", 3))
                .isEqualTo(instants("2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"));
        // four local times in the gap, one fire
        assertThat(next("*/15 2 * * *", BERLIN, "2026-03-28T12:00:00Z", 5))
                .isEqualTo(instants("2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z", "2026-03-30T00:15:00Z", "2026-03-30T00:30:00Z",
                        "2026-03-30T00:45:00Z"));
        // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00Z)
        assertThat(next("30 2 * * *", NEW_YORK, "2026-03-07T12:00:00Z", 2))
                .isEqualTo(instants("2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"));
        // an hourly expression: the hour that does not exist fires once, at its end
        assertThat(next("30 * * * *", NEW_YORK, "2026-03-08T06:00:00Z", 3)) // 01:00 EST
                .isEqualTo(instants("2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z"));
    }

    @Test
    void aLocalTimeThatOccursTwiceFiresOnceUnlessTheHourIsAStarOrAStep() {
        // Berlin, 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 is at 00:30Z and again at 01:30Z
        assertThat(next("30 2 * * *", BERLIN, "2026-10-24T12:00:00Z", 2))
                .isEqualTo(instants("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
        // New York, 2026-11-01: 02:00 EDT goes back to 01:00 EST; 01:30 is at 05:30Z and again at 06:30Z
        assertThat(next("30 1 * * *", NEW_YORK, "2026-11-01T00:00:00Z", 2))
                .isEqualTo(instants("2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
        assertThat(next("30 * * * *", NEW_YORK, "2026-11-01T04:00:00Z", 4))
                .isEqualTo(instants("2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-01T07:30:00Z"));
        assertThat(next("0 */1 * * *", BERLIN, "2026-10-24T23:30:00Z", 4)) // 01:30 CEST
                .isEqualTo(instants("2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z"));
        assertThat(UnixCron.parse("0 */2 * * *").repeatsHourly()).isTrue();
        assertThat(UnixCron.parse("0 2 * * *").repeatsHourly()).isFalse();
    }

    @Test
    void inTheRepeatedHourTheSecondOccurrencesOfEarlierLocalTimesStillCome() {
        // after 01:50 EDT: 01:00, 01:20, 01:40 EST come before 02:00 EST
        assertThat(next("*/20 * * * *", NEW_YORK, "2026-11-01T05:50:00Z", 4))
                .isEqualTo(instants("2026-11-01T06:00:00Z", "2026-11-01T06:20:00Z", "2026-11-01T06:40:00Z", "2026-11-01T07:00:00Z"));
    }

    @Test
    void anExpressionThatNeverMatchesHasNoFireTimes() {
        assertThat(next("0 0 30 2 *", BERLIN, "2026-01-01T00:00:00Z", 3)).isEmpty();
    }

    @Test
    void invalidExpressionsAreRefusedWithTheLibrarysMessage() {
        assertThatThrownBy(() -> UnixCron.parse("61 * * * *")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("61");
        assertThatThrownBy(() -> UnixCron.parse("0 0 * * * *")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 parts");
        assertThatThrownBy(() -> UnixCron.parse("@reboot")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnixCron.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intervalsCountFromTheirAnchor() {
        var interval = new ScheduleTrigger.Interval(Duration.ofMinutes(90), Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(interval.next(Instant.parse("2026-01-01T01:00:00Z"), 2)).isEqualTo(instants("2026-01-01T01:30:00Z", "2026-01-01T03:00:00Z"));
        assertThat(interval.next(Instant.parse("2025-12-31T00:00:00Z"), 1)).isEqualTo(instants("2026-01-01T01:30:00Z"));
        assertThat(interval.describe()).isEqualTo("every 90 minutes");
        assertThat(new ScheduleTrigger.Interval(Duration.ofHours(1), Instant.EPOCH).describe()).isEqualTo("every hour");
    }
}
