package io.flowfile.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects every problem of a settings record in its compact constructor, then throws them all at
 * once:
 *
 * <pre>{@code
 * public SampleSettings {
 *     var check = new SettingsCheck();
 *     check.require(n == null || n >= 0, "n", "must be 0 or more, got " + n);
 *     check.done();
 * }
 * }</pre>
 */
public final class SettingsCheck {

    private final List<InvalidSettingsException.Problem> problems = new ArrayList<>();

    public SettingsCheck require(boolean condition, String path, String message) {
        if (!condition) {
            problems.add(new InvalidSettingsException.Problem(path, message));
        }
        return this;
    }

    public SettingsCheck notBlank(String path, String value) {
        return require(value != null && !value.isBlank(), path, "is required");
    }

    public SettingsCheck notEmpty(String path, Collection<?> value) {
        return require(value != null && !value.isEmpty(), path, "needs at least one entry");
    }

    public SettingsCheck range(String path, Number value, long min, long max) {
        return require(value == null || (value.doubleValue() >= min && value.doubleValue() <= max), path,
                "must be between " + min + " and " + max + ", got " + value);
    }

    public void done() {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }
}
