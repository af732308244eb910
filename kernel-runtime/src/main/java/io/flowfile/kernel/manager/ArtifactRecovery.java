package io.flowfile.kernel.manager;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.client.ExecutionListener;
import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.docker.KernelDirectories;
import io.flowfile.kernel.protocol.Content;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Applies a kernel's recovery mode to the flow-scoped artifacts it persisted before a restart:
 * index them (lazy), load them (eager) or delete them (clear), by running the kernel package's
 * {@code flowfile._kernel.recover_artifacts} before the kernel counts as READY.
 */
public final class ArtifactRecovery {

    private ArtifactRecovery() {}

    /** The kernel's own artifact directory inside its container. */
    public static String artifactDirectory(String kernelId) {
        return KernelDirectories.CONTAINER_ARTIFACTS + "/" + kernelId;
    }

    /** @throws KernelException when the kernel cannot recover (the caller removes the container) */
    static void apply(KernelDefinition definition, WarmKernel warm, Duration timeout) {
        String code = "import flowfile._kernel as _fk\n_fk.recover_artifacts(" + pythonString(definition.id()) + ", "
                + pythonString(artifactDirectory(definition.id())) + ", "
                + pythonString(definition.recoveryMode().name().toLowerCase(Locale.ROOT)) + ")";
        ExecutionResult result;
        try {
            result = warm.client().execute(new Content.ExecuteRequest(code, false, false, Map.of(), false, false),
                    ExecutionListener.NONE, Optional.empty(), timeout).result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof KernelException kernel ? kernel
                    : new KernelException(KernelErrorCode.KERNEL_DIED, "recovering the artifacts of kernel '" + definition.id()
                            + "' failed: " + e.getCause(), e.getCause());
        }
        if (!result.ok()) {
            throw new KernelException(KernelErrorCode.KERNEL_DIED, "kernel '" + definition.id() + "' could not recover its artifacts ("
                    + definition.recoveryMode() + "): " + result.errorName() + ": " + result.errorValue());
        }
    }

    private static String pythonString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
