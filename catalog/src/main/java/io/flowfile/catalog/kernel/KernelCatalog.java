package io.flowfile.catalog.kernel;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.KernelRecord;
import io.flowfile.catalog.api.KernelSpec;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Kernel definitions. Deleting a kernel deletes the metadata of the flow-scoped artifacts it holds.
 * The catalog keeps definitions only; kernel-runtime runs them (the app converts between the two).
 */
@ApplicationScoped
public class KernelCatalog {

    private final KernelRepository kernels;

    public KernelCatalog(KernelRepository kernels) {
        this.kernels = kernels;
    }

    /**
     * Creates the kernel definition, or replaces the one with the same id (keeping its creation time).
     * Concurrent first saves of one id end with one definition (the last one wins).
     */
    public KernelRecord save(KernelSpec spec) {
        Checks.notNull(spec, "kernel");
        return Conflicts.upsert("kernel '" + spec.id() + "'", () -> {
            Instant now = Times.now();
            Optional<KernelEntity> existing = kernels.findByIdOptional(spec.id(), LockModeType.PESSIMISTIC_WRITE);
            if (existing.isPresent()) {
                existing.get().update(spec, now);
                return existing.get().toRecord();
            }
            KernelEntity created = new KernelEntity(spec, now);
            kernels.persistAndFlush(created);
            return created.toRecord();
        });
    }

    /** KERNEL_NOT_FOUND when the catalog knows no kernel with that id. */
    @Transactional
    public KernelRecord get(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public Optional<KernelRecord> find(String id) {
        Checks.kernelId(id);
        return kernels.findByIdOptional(id).map(KernelEntity::toRecord);
    }

    /** Every kernel, by id. */
    @Transactional
    public List<KernelRecord> list() {
        return kernels.listAll(KernelRepository.BY_ID).stream().map(KernelEntity::toRecord).toList();
    }

    /** The kernels of one owner, by id. */
    @Transactional
    public List<KernelRecord> listForOwner(String owner) {
        Checks.owner(owner);
        return kernels.listByOwner(owner).stream().map(KernelEntity::toRecord).toList();
    }

    /** Deletes the definition and the metadata of its flow-scoped artifacts. */
    @Transactional
    public void delete(String id) {
        Checks.kernelId(id);
        KernelEntity kernel = kernels.findByIdOptional(id).orElseThrow(() -> notFound(id));
        kernels.delete(kernel);
    }

    private static CatalogException notFound(String id) {
        return new CatalogException(CatalogErrorCode.KERNEL_NOT_FOUND, "no kernel with id '" + id + "' is defined in the catalog");
    }
}
