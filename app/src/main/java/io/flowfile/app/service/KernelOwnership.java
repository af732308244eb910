package io.flowfile.app.service;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.catalog.kernel.KernelCatalog;
import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.node.NodePlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Code on a kernel runs as the kernel's owner, with the owner's files, artifacts and secrets: a
 * user's runs, previews, cells and tests run on that user's own kernels only. An admin sees every
 * kernel but runs code on none but their own. Another user's kernel is as good as missing (404, as
 * the kernels API answers).
 */
@ApplicationScoped
public class KernelOwnership {

    @Inject
    KernelCatalog kernels;

    /** Every code node of the flow runs on a kernel of {@code username}'s. */
    public void require(String username, ValidatedFlow flow) {
        for (PlannedNode node : flow.nodes()) {
            if (node.plan() instanceof NodePlan.ScriptPlan script) {
                require(username, script.kernelId());
            }
        }
    }

    /** The kernel, when it exists, is {@code username}'s. */
    public void require(String username, String kernelId) {
        kernels.find(kernelId).filter(found -> !found.spec().owner().equals(username)).ifPresent(found -> {
            throw new ApiException(ServerErrorCode.KERNEL_NOT_FOUND, "no kernel '" + kernelId + "'");
        });
    }
}
