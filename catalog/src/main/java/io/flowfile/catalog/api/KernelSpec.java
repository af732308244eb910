package io.flowfile.catalog.api;

import io.flowfile.catalog.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel definition as the catalog keeps it (the same fields and limits as kernel-runtime's
 * KernelDefinition, which the app converts to and from).
 *
 * @param id           1-64 letters, digits, '-' or '_'
 * @param name         shown in the UI; the id when empty
 * @param owner        the user the kernel belongs to; {@code local} when empty
 * @param packages     extra pip requirements, in order
 * @param memoryGb     0.5 - 64
 * @param cpus         0.5 - 32
 * @param gpus         0 for none, 1 - 8, or -1 for all
 * @param recoveryMode LAZY when null
 * @param idleTimeout  whole seconds; zero for never
 * @param maxLifetime  whole seconds; zero for never
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

    public KernelSpec {
        Checks.kernelId(id);
        name = name == null || name.isBlank() ? id : name;
        owner = owner == null || owner.isBlank() ? "local" : owner;
        packages = packages == null ? List.of() : List.copyOf(packages);
        recoveryMode = recoveryMode == null ? KernelRecoveryMode.LAZY : recoveryMode;
        idleTimeout = idleTimeout == null ? Duration.ZERO : idleTimeout;
        maxLifetime = maxLifetime == null ? Duration.ZERO : maxLifetime;
        List<String> problems = new ArrayList<>();
        if (name.length() > 128) {
            problems.add("name must be at most 128 characters");
        }
        if (owner.length() > 128) {
            problems.add("owner must be at most 128 characters");
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
        if (idleTimeout.isNegative() || idleTimeout.getNano() != 0) {
            problems.add("idle_timeout must be zero (never) or whole seconds, was " + idleTimeout);
        }
        if (maxLifetime.isNegative() || maxLifetime.getNano() != 0) {
            problems.add("max_lifetime must be zero (never) or whole seconds, was " + maxLifetime);
        }
        for (int i = 0; i < packages.size(); i++) {
            String requirement = packages.get(i);
            if (requirement.isBlank() || requirement.length() > 256) {
                problems.add("packages[" + i + "] must be a pip requirement of 1-256 characters, was '" + requirement + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw Checks.invalid("kernel '" + id + "' is not valid: " + String.join("; ", problems));
        }
    }
}
