package io.flowfile.app.service;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.kernel.LazyKernelGateway;
import io.flowfile.engine.Problem;
import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.manager.KernelInfo;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodePlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Code on a kernel runs as the kernel's owner, with the owner's files, artifacts and secrets: a
 * user's runs, previews, cells and tests run on that user's own kernels only. An admin sees every
 * kernel but runs code on none but their own. Another user's kernel is as good as missing (404, as
 * the kernels API answers). The owner is the one the kernel manager records, the one code runs as
 * (not the catalog's copy, which another process may have changed or not yet written).
 */
@ApplicationScoped
public class KernelOwnership {

    @Inject
    LazyKernelGateway kernels;

    /**
     * Every code node of the flow runs on a kernel of {@code username}'s: validated with the user's
     * view of the kernels, a node naming any other kernel has the problem KERNEL_NOT_FOUND, which is
     * a 404 here, before the flow's other problems.
     */
    public void require(String username, ValidatedFlow flow) {
        for (Problem problem : flow.problems()) {
            if (problem.code() == NodeErrorCode.KERNEL_NOT_FOUND) {
                throw new ApiException(ServerErrorCode.KERNEL_NOT_FOUND, "node '" + problem.nodeId() + "': " + problem.message());
            }
        }
        for (PlannedNode node : flow.nodes()) {
            if (node.plan() instanceof NodePlan.ScriptPlan script) {
                require(username, script.kernelId());
            }
        }
    }

    /** The kernel exists and is {@code username}'s, as the kernel manager knows it. */
    public void require(String username, String kernelId) {
        Optional<KernelInfo> info;
        try {
            info = kernels.plane().manager().info(kernelId);
        } catch (KernelException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new ApiException(ServerErrorCode.KERNELS_UNAVAILABLE, "kernels cannot run here: " + e.getMessage());
        }
        if (info.isEmpty() || !info.get().definition().owner().equals(username)) {
            throw new ApiException(ServerErrorCode.KERNEL_NOT_FOUND, "no kernel '" + kernelId + "'");
        }
    }
}
