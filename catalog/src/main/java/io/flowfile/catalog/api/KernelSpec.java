package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import io.flowfile.catalog.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel definition as the catalog keeps it: the same fields, defaults and rules as kernel-runtime's
 * KernelDefinition (which the app converts to and from), so that both accept the same kernels. Every
 * bad value is reported at once, each naming the field and the allowed range.
 *
 * @param id           1-64 letters, digits, '-' or '_'
 * @param name         shown in the UI; the id when empty; at most 128 characters (the catalog's column)
 * @param owner        the user the kernel belongs to: 1-128 letters, digits, '.', '_' or '-'; {@code local}
 *                     when null
 * @param packages     extra pip requirements such as {@code name} or {@code name==1.2.3}, in order; at
 *                     most 256 characters each (the catalog's column)
 * @param memoryGb     0.5 - 64
 * @param cpus         0.5 - 32
 * @param gpus         0 for none, 1 - 8, or -1 for all
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
        if (!(memoryGb >= 0.5 && memoryGb <= 64)) {
            problems.add("memory_gb must be between 0.5 and 64, was " + memoryGb);
        }
        if (!(cpus >= 0.5 && cpus <= 32)) {
            problems.add("cpus must be between 0.5 and 32, was " + cpus);
        }
        if (gpus < -1 || gpus > 8) {
            problems.add("gpus must be 0 (none), 1-8, or -1 (all), was " + gpus);
        }
        if (idleTimeout.isNegative()) {
            problems.add("idle_timeout must be zero (never) or positive, was " + idleTimeout);
        }
        if (maxLifetime.isNegative()) {
            problems.add("max_lifetime must be zero (never) or positive, was " + maxLifetime);
        }
        for (int i = 0; i < packages.size(); i++) {
            String requirement = requireNonNull(packages.get(i), "package is null").strip();
            if (!Checks.PACKAGE_REQUIREMENT.matcher(requirement).matches()) {
                problems.add("packages[" + i + "] must be a pip requirement such as 'name' or 'name==1.2.3', was '" + requirement + "'");
            } else if (packages.get(i).length() > MAX_REQUIREMENT) {
                problems.add("packages[" + i + "] must be at most " + MAX_REQUIREMENT + " characters, was " + packages.get(i).length());
            }
        }
        if (!problems.isEmpty()) {
            throw Checks.invalid("kernel '" + id + "' is not valid: " + String.join("; ", problems));
        }
    }
}
