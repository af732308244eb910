package io.flowfile.app.kernel;

import io.flowfile.kernel.KernelException;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The kernel plane for a command: opened (Docker reached, kernels re-adopted) the first time a
 * node asks for a kernel, so flows without Python Script nodes never touch Docker.
 */
public final class LazyKernelGateway implements KernelGateway, AutoCloseable {

    private final Path dataDirectory;
    private final java.util.Optional<io.flowfile.app.catalog.Catalog> catalog;
    private KernelPlane plane;

    /** @param catalog the catalog, where kernel definitions live and kernels' requests go; empty without the application */
    public LazyKernelGateway(Path dataDirectory, java.util.Optional<io.flowfile.app.catalog.Catalog> catalog) {
        this.dataDirectory = dataDirectory;
        this.catalog = catalog;
    }

    /** The opened plane's gateway; a plane that cannot open (Docker down) is a node error naming why. */
    private synchronized KernelGateway gateway() {
        try {
            return plane().gateway();
        } catch (KernelException e) {
            throw new NodeException(NodeErrorCode.KERNEL_UNAVAILABLE, unavailable(e));
        }
    }

    private static String unavailable(KernelException e) {
        return "kernels are unavailable: " + e.getMessage();
    }

    /** The kernel plane, opened (Docker reached, kernels re-adopted) on first use. */
    public synchronized KernelPlane plane() {
        if (plane == null) {
            plane = KernelPlane.open(dataDirectory, catalog);
        }
        return plane;
    }

    /** Whether the plane has been opened (a server that never used a kernel has nothing to report). */
    public synchronized boolean opened() {
        return plane != null;
    }

    /** UNAVAILABLE, saying why, while the kernel plane cannot be opened; tried again at the next call. */
    @Override
    public KernelStatus status(String kernelId) {
        KernelPlane opened;
        try {
            opened = plane();
        } catch (KernelException e) {
            return new KernelStatus(Availability.UNAVAILABLE, "kernel '" + kernelId + "' cannot be reached: " + unavailable(e));
        }
        return opened.gateway().status(kernelId);
    }

    @Override
    public java.util.Optional<java.util.Map<String, String>> packages(String kernelId) {
        try {
            return plane().gateway().packages(kernelId);
        } catch (KernelException e) {
            return java.util.Optional.empty(); // unknown while the plane is unavailable; status() says why
        }
    }

    @Override
    public ExchangeArea openExchange(String kernelId, String runId, String nodeId) throws IOException {
        return gateway().openExchange(kernelId, runId, nodeId);
    }

    @Override
    public void closeExchange(ExchangeArea area) throws IOException {
        gateway().closeExchange(area);
    }

    @Override
    public void run(ScriptCall call, ScriptListener listener) throws Exception {
        gateway().run(call, listener);
    }

    /** Detaches the kernel plane if it was opened: kernels keep running for the next command. */
    @Override
    public synchronized void close() {
        if (plane != null) {
            plane.close();
        }
    }
}
