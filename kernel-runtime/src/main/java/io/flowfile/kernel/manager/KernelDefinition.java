package io.flowfile.kernel.manager;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.OwnerNames;
import io.flowfile.kernel.docker.ResourceProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a user asks for when defining a kernel. Every bad value is reported at once, each naming the
 * field and the allowed range.
 *
 * @param id            letters, digits, '-' and '_' (1-64)
 * @param name          shown in the UI
 * @param owner         the user the kernel belongs to
 * @param packages      extra pip requirements (e.g. {@code tabulate==0.9.0}); they make a derived image
 * @param memoryGb      0.5 - 64
 * @param cpus          0.5 - 32
 * @param gpus          0 for none, 1 - 8, or -1 for all
 * @param recoveryMode  artifacts after a restart
 * @param idleTimeout   stop after this long without an execution; zero for never
 * @param maxLifetime   stop this long after start whatever happens; zero for never
 */
public record KernelDefinition(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("owner") String owner,
        @JsonProperty("packages") List<String> packages,
        @JsonProperty("memory_gb") double memoryGb,
        @JsonProperty("cpus") double cpus,
        @JsonProperty("gpus") int gpus,
        @JsonProperty("recovery_mode") RecoveryMode recoveryMode,
        @JsonProperty("idle_timeout") Duration idleTimeout,
        @JsonProperty("max_lifetime") Duration maxLifetime) {

    /** The longest name and pip requirement (the catalog keeps definitions in columns of these sizes). */
    public static final int MAX_NAME = 128;
    public static final int MAX_REQUIREMENT = 256;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern REQUIREMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(\\[[A-Za-z0-9,._-]+\\])?"
            + "(\\s*(==|>=|<=|~=|!=|>|<)\\s*[A-Za-z0-9.*+!_-]+)?(\\s*,\\s*(==|>=|<=|~=|!=|>|<)\\s*[A-Za-z0-9.*+!_-]+)*");

    public KernelDefinition {
        packages = packages == null ? List.of() : List.copyOf(packages);
        name = name == null || name.isBlank() ? id : name;
        owner = owner == null ? "local" : owner;
        recoveryMode = recoveryMode == null ? RecoveryMode.LAZY : recoveryMode;
        idleTimeout = idleTimeout == null ? Duration.ZERO : idleTimeout;
        maxLifetime = maxLifetime == null ? Duration.ZERO : maxLifetime;
        List<KernelException.Invalid> problems = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(new KernelException.Invalid("id", "id must be 1-64 letters, digits, '-' or '_', was '" + id + "'"));
        }
        if (name.length() > MAX_NAME) {
            problems.add(new KernelException.Invalid("name", "name must be at most " + MAX_NAME + " characters, was " + name.length()));
        }
        if (!OwnerNames.isValid(owner)) {
            problems.add(new KernelException.Invalid("owner", "owner must be 1-128 letters, digits, '.', '_' or '-', was '" + owner + "'"));
        }
        if (!(memoryGb >= 0.5 && memoryGb <= 64)) {
            problems.add(new KernelException.Invalid("memory_gb", "memory_gb must be between 0.5 and 64, was " + memoryGb));
        }
        if (!(cpus >= 0.5 && cpus <= 32)) {
            problems.add(new KernelException.Invalid("cpus", "cpus must be between 0.5 and 32, was " + cpus));
        }
        if (gpus < -1 || gpus > 8) {
            problems.add(new KernelException.Invalid("gpus", "gpus must be 0 (none), 1-8, or -1 (all), was " + gpus));
        }
        if (idleTimeout.isNegative()) {
            problems.add(new KernelException.Invalid("idle_timeout", "idle_timeout must be zero (never) or positive, was " + idleTimeout));
        }
        if (maxLifetime.isNegative()) {
            problems.add(new KernelException.Invalid("max_lifetime", "max_lifetime must be zero (never) or positive, was " + maxLifetime));
        }
        for (int i = 0; i < packages.size(); i++) {
            String requirement = requireNonNull(packages.get(i), "package is null").strip();
            if (!REQUIREMENT.matcher(requirement).matches()) {
                problems.add(new KernelException.Invalid("packages", "packages[" + i + "] must be a pip requirement such as 'name' or 'name==1.2.3', was '" + requirement + "'"));
            } else if (packages.get(i).length() > MAX_REQUIREMENT) {
                problems.add(new KernelException.Invalid("packages", "packages[" + i + "] must be at most " + MAX_REQUIREMENT + " characters, was " + packages.get(i).length()));
            }
        }
        if (!problems.isEmpty()) {
            throw new KernelException(KernelErrorCode.INVALID_DEFINITION,
                    "kernel '" + id + "' is not valid: " + problems.stream().map(KernelException.Invalid::message).collect(java.util.stream.Collectors.joining("; ")),
                    problems);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    /** Saves the definition as JSON (snake_case fields, durations as ISO-8601). */
    public void write(java.nio.file.Path file) throws java.io.IOException {
        JSON.writeValue(file.toFile(), this);
    }

    /** Reads a definition saved by {@link #write}; bad values are refused as by the constructor. */
    public static KernelDefinition read(java.nio.file.Path file) throws java.io.IOException {
        return JSON.readValue(file.toFile(), KernelDefinition.class);
    }

    /** A kernel with the standard image and modest resources. */
    public static KernelDefinition of(String id, String owner) {
        return new KernelDefinition(id, id, owner, List.of(), 2, 1, 0, RecoveryMode.LAZY, Duration.ZERO, Duration.ZERO);
    }

    /** The names of the requested packages as pip normalises them ({@code Scikit_Learn>=1} → {@code scikit-learn}). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public java.util.SortedSet<String> packageNames() {
        var names = new java.util.TreeSet<String>();
        packages.forEach(requirement -> names.add(packageName(requirement)));
        return names;
    }

    static String packageName(String requirement) {
        return requirement.strip().split("[\\[=<>!~;\\s]", 2)[0].toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    public ResourceProfile profile() {
        return new ResourceProfile(Math.round(memoryGb * (1L << 30)), Math.round(cpus * 1e9), gpus);
    }

    public KernelDefinition withMemoryGb(double gb) {
        return new KernelDefinition(id, name, owner, packages, gb, cpus, gpus, recoveryMode, idleTimeout, maxLifetime);
    }

    public KernelDefinition withGpus(int count) {
        return new KernelDefinition(id, name, owner, packages, memoryGb, cpus, count, recoveryMode, idleTimeout, maxLifetime);
    }

    public KernelDefinition withPackages(List<String> requirements) {
        return new KernelDefinition(id, name, owner, requirements, memoryGb, cpus, gpus, recoveryMode, idleTimeout, maxLifetime);
    }

    public KernelDefinition withIdleTimeout(Duration timeout) {
        return new KernelDefinition(id, name, owner, packages, memoryGb, cpus, gpus, recoveryMode, timeout, maxLifetime);
    }

    public KernelDefinition withMaxLifetime(Duration lifetime) {
        return new KernelDefinition(id, name, owner, packages, memoryGb, cpus, gpus, recoveryMode, idleTimeout, lifetime);
    }

    public KernelDefinition withRecoveryMode(RecoveryMode mode) {
        return new KernelDefinition(id, name, owner, packages, memoryGb, cpus, gpus, mode, idleTimeout, maxLifetime);
    }
}
