package io.flowfile.app.kernel;

import io.flowfile.node.KernelGateway;
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

    private synchronized KernelGateway gateway() {
        return plane().gateway();
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

    @Override
    public KernelStatus status(String kernelId) {
        return gateway().status(kernelId);
    }

    @Override
    public java.util.Optional<java.util.Map<String, String>> packages(String kernelId) {
        return gateway().packages(kernelId);
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
