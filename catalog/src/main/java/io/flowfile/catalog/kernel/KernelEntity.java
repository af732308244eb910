package io.flowfile.catalog.kernel;

import io.flowfile.catalog.api.KernelRecord;
import io.flowfile.catalog.api.KernelRecoveryMode;
import io.flowfile.catalog.api.KernelSpec;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A row of {@code kernels} with its packages in order ({@code kernel_packages}). */
@Entity
@Table(name = "kernels")
public class KernelEntity {

    @Id
    @Column(name = "id", length = 64)
    private String id;

    @Column(name = "name", nullable = false, length = 128)
    private String name;

    @Column(name = "owner", nullable = false, length = 128)
    private String owner;

    @ElementCollection
    @CollectionTable(name = "kernel_packages", joinColumns = @JoinColumn(name = "kernel_id"))
    @OrderColumn(name = "package_index")
    @Column(name = "requirement", nullable = false, length = 256)
    private List<String> packages = new ArrayList<>();

    @Column(name = "memory_gb", nullable = false)
    private double memoryGb;

    @Column(name = "cpus", nullable = false)
    private double cpus;

    @Column(name = "gpus", nullable = false)
    private int gpus;

    @Enumerated(EnumType.STRING)
    @Column(name = "recovery_mode", nullable = false, length = 8)
    private KernelRecoveryMode recoveryMode;

    /** Seconds with their nanoseconds, so that any duration KernelSpec accepts comes back exactly. */
    @Column(name = "idle_timeout_seconds", nullable = false, precision = 28, scale = 9)
    private BigDecimal idleTimeoutSeconds;

    @Column(name = "max_lifetime_seconds", nullable = false, precision = 28, scale = 9)
    private BigDecimal maxLifetimeSeconds;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected KernelEntity() {
    }

    KernelEntity(KernelSpec spec, Instant now) {
        this.id = spec.id();
        this.createdAt = now;
        update(spec, now);
    }

    void update(KernelSpec spec, Instant now) {
        name = spec.name();
        owner = spec.owner();
        packages.clear();
        packages.addAll(spec.packages());
        memoryGb = spec.memoryGb();
        cpus = spec.cpus();
        gpus = spec.gpus();
        recoveryMode = spec.recoveryMode();
        idleTimeoutSeconds = seconds(spec.idleTimeout());
        maxLifetimeSeconds = seconds(spec.maxLifetime());
        updatedAt = now;
    }

    KernelSpec toSpec() {
        return new KernelSpec(id, name, owner, packages, memoryGb, cpus, gpus, recoveryMode,
                duration(idleTimeoutSeconds), duration(maxLifetimeSeconds));
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }

    private static Duration duration(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        return Duration.ofSeconds(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).intValueExact());
    }

    KernelRecord toRecord() {
        return new KernelRecord(toSpec(), createdAt, updatedAt);
    }
}
