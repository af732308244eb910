package io.flowfile.app.catalog;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.KernelRecoveryMode;
import io.flowfile.catalog.api.KernelSpec;
import io.flowfile.kernel.manager.KernelDefinition;
import io.flowfile.kernel.manager.KernelListener;
import io.flowfile.kernel.manager.KernelState;
import io.flowfile.kernel.manager.RecoveryMode;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps the catalog in step with the kernel plane: every kernel definition is in the catalog's
 * kernels (flow-scoped artifact records name one), and when a kernel in CLEAR recovery mode has
 * started, which deleted every flow's artifacts on it, their records go too.
 */
public final class KernelMirror implements KernelListener {

    private final Catalog catalog;
    private final Function<String, Optional<KernelDefinition>> definitions;

    /**
     * @param definitions the plane's current definition of a kernel id
     */
    public KernelMirror(Catalog catalog, Function<String, Optional<KernelDefinition>> definitions) {
        this.catalog = catalog;
        this.definitions = definitions;
    }

    /** The catalog's form of a definition: the same fields; whatever KernelDefinition accepts, the catalog holds. */
    public static KernelSpec spec(KernelDefinition definition) {
        return new KernelSpec(definition.id(), definition.name(), definition.owner(), definition.packages(), definition.memoryGb(),
                definition.cpus(), definition.gpus(), KernelRecoveryMode.valueOf(definition.recoveryMode().name()),
                definition.idleTimeout(), definition.maxLifetime());
    }

    /** The kernel plane's form of a catalog definition. */
    public static KernelDefinition definition(KernelSpec spec) {
        return new KernelDefinition(spec.id(), spec.name(), spec.owner(), spec.packages(), spec.memoryGb(), spec.cpus(), spec.gpus(),
                RecoveryMode.valueOf(spec.recoveryMode().name()), spec.idleTimeout(), spec.maxLifetime());
    }

    /** Every kernel definition the catalog holds: the one source of truth when there is a catalog. */
    public java.util.List<KernelDefinition> stored() {
        return catalog.kernels().list().stream().map(record -> definition(record.spec())).toList();
    }

    public void defined(KernelDefinition definition) {
        catalog.kernels().save(spec(definition));
    }

    /** Removes the catalog's definition (and with it the records of the kernel's flow-scoped artifacts). */
    public void forgotten(String kernelId) {
        try {
            catalog.kernels().delete(kernelId);
        } catch (CatalogException e) {
            if (e.code() != CatalogErrorCode.KERNEL_NOT_FOUND) {
                throw e;
            } // defined before the catalog existed and never mirrored: nothing to remove
        }
    }

    /** Saves each definition the catalog lacks or holds in another form (definitions made before the catalog existed). */
    public void sync(Collection<KernelDefinition> all) {
        for (KernelDefinition definition : all) {
            KernelSpec spec = spec(definition);
            if (!catalog.kernels().find(definition.id()).map(record -> record.spec().equals(spec)).orElse(false)) {
                catalog.kernels().save(spec);
            }
        }
    }

    @Override
    public void stateChanged(String kernelId, KernelState from, KernelState to, String reason) {
        if (from == KernelState.STARTING && to == KernelState.READY
                && definitions.apply(kernelId).map(definition -> definition.recoveryMode() == RecoveryMode.CLEAR).orElse(false)) {
            catalog.flowArtifacts().deleteAllOnKernel(kernelId);
        }
    }
}
