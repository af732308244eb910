package io.flowfile.app.kernel;

import static java.util.Objects.requireNonNull;

import io.flowfile.kernel.KernelException;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel plane for a command: opened (Docker reached, kernels re-adopted) the first time a
 * node asks for a kernel, so flows without Python Script nodes never touch Docker. As a gateway it
 * reaches every kernel (the command line runs as the user who typed it); {@link #forOwner} reaches
 * one user's kernels only, which is what the server gives the work it does for a user.
 */
public final class LazyKernelGateway implements KernelGateway, AutoCloseable {

    private final Path dataDirectory;
    private final Optional<io.flowfile.app.catalog.Catalog> catalog;
    private final View all = new View(Optional.empty());
    private KernelPlane plane;

    /** @param catalog the catalog, where kernel definitions live and kernels' requests go; empty without the application */
    public LazyKernelGateway(Path dataDirectory, Optional<io.flowfile.app.catalog.Catalog> catalog) {
        this.dataDirectory = dataDirectory;
        this.catalog = catalog;
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

    /**
     * The kernels of {@code owner} only, as the kernel manager records their owner: another user's
     * kernel is MISSING (listed nowhere), has no packages and runs nothing.
     */
    public KernelGateway forOwner(String owner) {
        return new View(Optional.of(requireNonNull(owner, "owner is null")));
    }

    /** UNAVAILABLE, saying why, while the kernel plane cannot be opened; tried again at the next call. */
    @Override
    public KernelStatus status(String kernelId) {
        return all.status(kernelId);
    }

    @Override
    public Optional<Map<String, String>> packages(String kernelId) {
        return all.packages(kernelId);
    }

    @Override
    public ExchangeArea openExchange(String kernelId, String runId, String nodeId) throws IOException {
        return all.openExchange(kernelId, runId, nodeId);
    }

    @Override
    public void closeExchange(ExchangeArea area) throws IOException {
        all.closeExchange(area);
    }

    @Override
    public void run(ScriptCall call, ScriptListener listener) throws Exception {
        all.run(call, listener);
    }

    /** Detaches the kernel plane if it was opened: kernels keep running for the next command. */
    @Override
    public synchronized void close() {
        if (plane != null) {
            plane.close();
        }
    }

    /** The opened plane's gateway, of every kernel or of one owner's. */
    private final class View implements KernelGateway {

        private final Optional<String> owner;

        View(Optional<String> owner) {
            this.owner = owner;
        }

        /** A plane that cannot open (Docker down) is a node error naming why. */
        private KernelGateway gateway() {
            try {
                return opened();
            } catch (KernelException e) {
                throw new NodeException(NodeErrorCode.KERNEL_UNAVAILABLE, unavailable(e));
            }
        }

        private KernelGateway opened() {
            KernelPlane opened = plane();
            return owner.map(opened::gateway).orElseGet(opened::gateway);
        }

        @Override
        public KernelStatus status(String kernelId) {
            KernelGateway opened;
            try {
                opened = opened();
            } catch (KernelException e) {
                return new KernelStatus(Availability.UNAVAILABLE, "kernel '" + kernelId + "' cannot be reached: " + unavailable(e));
            }
            return opened.status(kernelId);
        }

        @Override
        public Optional<Map<String, String>> packages(String kernelId) {
            try {
                return opened().packages(kernelId);
            } catch (KernelException e) {
                return Optional.empty(); // unknown while the plane is unavailable; status() says why
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
    }
}
