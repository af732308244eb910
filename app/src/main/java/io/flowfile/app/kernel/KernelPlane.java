package io.flowfile.app.kernel;

import io.flowfile.app.catalog.Catalog;
import io.flowfile.app.catalog.KernelMirror;
import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.manager.KernelDefinition;
import io.flowfile.kernel.manager.KernelInfo;
import io.flowfile.kernel.manager.KernelManager;
import io.flowfile.node.KernelGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kernel plane as the command line uses it: kernel definitions kept as JSON files under the
 * data directory, and a kernel manager whose instance id is stable for this machine and data
 * directory. Closing it detaches: running kernels stay up, and the next command re-adopts them
 * with their state (variables, loaded artifacts), as a daemon-owned kernel would.
 */
public final class KernelPlane implements AutoCloseable {

    /** Longest a cell of a flow may run before it is interrupted. */
    private static final Duration CELL_TIMEOUT = Duration.ofHours(1);

    private final Path definitions;
    private final KernelManager manager;
    private final KernelGatewayAdapter gateway;
    /** Present when the catalog is (the command runs as the application). */
    private final Optional<KernelMirror> mirror;

    private KernelPlane(Path definitions, KernelManager manager, Optional<KernelMirror> mirror) {
        this.definitions = definitions;
        this.manager = manager;
        this.gateway = new KernelGatewayAdapter(manager, CELL_TIMEOUT);
        this.mirror = mirror;
    }

    public static KernelPlane open(Path dataDirectory) {
        Path root = dataDirectory.toAbsolutePath().resolve("kernels");
        Path definitions = root.resolve("definitions");
        try {
            Files.createDirectories(definitions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + definitions, e);
        }
        String instance = instanceId(root);
        KernelRuntimeConfig config = KernelRuntimeConfig.defaults(root, kernelBuildContext(), instance)
                .withPoolSize(0)
                .withExchangeRoot(exchangeRoot(System.getenv("FLOWFILE_EXCHANGE_DIR"), Path.of("/dev/shm"), instance));
        KernelManager manager = new KernelManager(config);
        Optional<KernelMirror> mirror = Catalog.current()
                .map(catalog -> new KernelMirror(catalog, id -> manager.info(id).map(KernelInfo::definition)));
        KernelPlane plane = new KernelPlane(definitions, manager, mirror);
        List<KernelDefinition> stored = plane.stored();
        stored.forEach(manager::define);
        mirror.ifPresent(found -> {
            found.sync(stored);
            manager.addListener(found);
        });
        return plane;
    }

    /**
     * The kernel image's build directory (docker/flowfile-kernel) of the checkout this application
     * was built from, found from where its classes are, so the command works from any directory.
     */
    public static Path kernelBuildContext() {
        try {
            Path location = Path.of(KernelPlane.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path directory = location; directory != null; directory = directory.getParent()) {
                Path candidate = directory.resolve("docker/flowfile-kernel");
                if (Files.isRegularFile(candidate.resolve("build.sh"))) {
                    return candidate;
                }
            }
        } catch (java.net.URISyntaxException | SecurityException e) {
            // fall back to the working directory
        }
        return Path.of("docker/flowfile-kernel").toAbsolutePath();
    }

    /**
     * Where the data hand-off's files go: {@code $FLOWFILE_EXCHANGE_DIR} when set; else a directory of
     * this instance on the memory-backed {@code /dev/shm}, so that the files a node's inputs and outputs
     * cross never wait for the disk; else (null) the data directory. An existing directory there that
     * is not this user's own (or is a link) is not used.
     */
    static Path exchangeRoot(String configured, Path sharedMemory, String instance) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        if (!Files.isDirectory(sharedMemory) || !Files.isWritable(sharedMemory)) {
            return null;
        }
        Path directory = sharedMemory.resolve("flowfile-" + instance);
        try {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            boolean own = Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                    && Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
            return own ? directory : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Stable per machine and data directory: two data directories never touch each other's kernels. */
    private static String instanceId(Path root) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        String directory = Integer.toHexString(root.toString().hashCode());
        String id = ("cli-" + host).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        return (id.length() > 50 ? id.substring(0, 50) : id) + "-" + directory;
    }

    public KernelManager manager() {
        return manager;
    }

    public KernelGateway gateway() {
        return gateway;
    }

    /** Saves and applies a definition (in the catalog too, when there is one). */
    public void define(KernelDefinition definition) {
        try {
            definition.write(definitions.resolve(definition.id() + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save kernel '" + definition.id() + "' under " + definitions, e);
        }
        manager.define(definition);
        mirror.ifPresent(found -> found.defined(definition));
    }

    public void forget(String id) {
        manager.remove(id);
        mirror.ifPresent(found -> found.forgotten(id));
        try {
            Files.deleteIfExists(definitions.resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<KernelDefinition> stored() {
        List<KernelDefinition> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(definitions)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                found.add(KernelDefinition.read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kernel definitions under " + definitions, e);
        }
        return found;
    }

    /** Leaves running kernels up for the next command. */
    @Override
    public void close() {
        manager.detach();
    }
}
