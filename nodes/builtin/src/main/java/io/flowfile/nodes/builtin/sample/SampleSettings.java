package io.flowfile.nodes.builtin.sample;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.SettingsCheck;

/**
 * @param method   first n rows, n random rows, or a random fraction of the rows
 * @param n        how many rows, for first and random_rows
 * @param fraction the share of rows to keep, 0 to 1, for random_fraction
 * @param seed     makes a random sample repeatable; without it every run draws anew
 */
public record SampleSettings(
        @JsonPropertyDescription("first (default): the first n rows; random_rows: n rows drawn at random; "
                + "random_fraction: each row kept with probability fraction.") Method method,
        @JsonPropertyDescription("Number of rows, for first and random_rows.") Long n,
        @JsonPropertyDescription("Share of rows to keep, from 0 to 1, for random_fraction.") Double fraction,
        @JsonPropertyDescription("Seed (0 or more) for a repeatable random sample: the same seed draws the same rows, kept in "
                + "input order, in either mode and with any number of threads; empty draws a new sample on every run.") Long seed) {

    public SampleSettings {
        method = method == null ? Method.FIRST : method;
        var check = new SettingsCheck();
        switch (method) {
            case FIRST, RANDOM_ROWS -> check
                    .require(n != null, "n", "is required for " + method.name().toLowerCase(java.util.Locale.ROOT))
                    .require(n == null || n >= 0, "n", "must be 0 or more, got " + n);
            case RANDOM_FRACTION -> check
                    .require(fraction != null, "fraction", "is required for random_fraction")
                    .require(fraction == null || (fraction >= 0 && fraction <= 1), "fraction",
                            "must be between 0 and 1, got " + fraction);
        }
        check.require(seed == null || seed >= 0, "seed", "must be 0 or more, got " + seed);
        check.done();
    }

    public enum Method { FIRST, RANDOM_ROWS, RANDOM_FRACTION }
}
