package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import io.flowfile.catalog.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel definition as the catalog keeps it. What makes a definition valid (resource ranges, pip
 * requirement syntax) is kernel-runtime's KernelDefinition, which the app converts to and from; the
 * catalog checks only what its columns need, so it never refuses a definition the runtime accepts.
 * Every bad value is reported at once, each naming the field.
 *
 * @param id           1-64 letters, digits, '-' or '_' (the key kernels are found by)
 * @param name         shown in the UI; the id when empty; at most 128 characters
 * @param owner        the user the kernel belongs to: 1-128 letters, digits, '.', '_' or '-'; {@code local}
 *                     when null
 * @param packages     extra pip requirements, in order; each non-blank, at most 256 characters
 * @param memoryGb     as defined
 * @param cpus         as defined
 * @param gpus         as defined
 * @param recoveryMode LAZY when null
 * @param idleTimeout  zero (or null) for never, else positive
 * @param maxLifetime  zero (or null) for never, else positive
 */
public record KernelSpec(
        String id,
        String name,
        String owner,
        List<String> packages,
        double memoryGb,
        double cpus,
        int gpus,
        KernelRecoveryMode recoveryMode,
        Duration idleTimeout,
        Duration maxLifetime) {

    /** The longest name and package requirement the catalog's columns hold. */
    public static final int MAX_NAME = 128;
    public static final int MAX_REQUIREMENT = 256;

    public KernelSpec {
        packages = packages == null ? List.of() : List.copyOf(packages);
        name = name == null || name.isBlank() ? id : name;
        owner = owner == null ? "local" : owner;
        recoveryMode = recoveryMode == null ? KernelRecoveryMode.LAZY : recoveryMode;
        idleTimeout = idleTimeout == null ? Duration.ZERO : idleTimeout;
        maxLifetime = maxLifetime == null ? Duration.ZERO : maxLifetime;
        List<String> problems = new ArrayList<>();
        if (id == null || !Checks.KERNEL_ID.matcher(id).matches()) {
            problems.add("id must be 1-64 letters, digits, '-' or '_', was '" + id + "'");
        }
        if (name != null && name.length() > MAX_NAME) {
            problems.add("name must be at most " + MAX_NAME + " characters, was " + name.length());
        }
        if (!Checks.OWNER.matcher(owner).matches()) {
            problems.add("owner must be 1-128 letters, digits, '.', '_' or '-', was '" + owner + "'");
        }
        if (idleTimeout.isNegative() || maxLifetime.isNegative()) {
            problems.add("idle_timeout and max_lifetime must be zero (never) or positive, were " + idleTimeout + " and " + maxLifetime);
        }
        for (int i = 0; i < packages.size(); i++) {
            String requirement = requireNonNull(packages.get(i), "package is null");
            if (requirement.isBlank() || requirement.length() > MAX_REQUIREMENT) {
                problems.add("packages[" + i + "] must be 1-" + MAX_REQUIREMENT + " characters, was '" + requirement + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw Checks.invalid("kernel '" + id + "' is not valid: " + String.join("; ", problems));
        }
    }
}
