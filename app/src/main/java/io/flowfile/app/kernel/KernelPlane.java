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
 * The kernel plane as the command line and the server use it: kernel definitions kept in the
 * catalog (the one source of truth; JSON files left under the data directory by earlier versions are
 * imported once and renamed {@code .json.imported}; without a catalog, as in the engine's tests, the
 * JSON files are the store), and a kernel manager whose instance id is stable for this machine and data
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

    private KernelPlane(Path definitions, KernelManager manager, Optional<KernelMirror> mirror, Optional<Catalog> catalog) {
        this.definitions = definitions;
        this.manager = manager;
        this.gateway = new KernelGatewayAdapter(manager, CELL_TIMEOUT, catalog);
        this.mirror = mirror;
    }

    /** @param catalog the catalog (kernel definitions, artifacts); empty when a command runs without the application */
    public static KernelPlane open(Path dataDirectory, Optional<Catalog> catalog) {
        Path root = dataDirectory.toAbsolutePath().resolve("kernels");
        Path definitions = root.resolve("definitions");
        try {
            Files.createDirectories(definitions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + definitions, e);
        }
        String instance = instanceId(root);
        String dockerHost = System.getenv("DOCKER_HOST");
        KernelRuntimeConfig config = KernelRuntimeConfig.defaults(root, kernelBuildContext(), instance)
                .withDockerHost(dockerHost == null || dockerHost.isBlank() ? KernelRuntimeConfig.DEFAULT_DOCKER_HOST : dockerHost)
                .withPoolSize(0)
                .withExchangeRoot(exchangeRoot(System.getenv("FLOWFILE_EXCHANGE_DIR"), Path.of("/dev/shm"), instance));
        KernelManager manager = new KernelManager(config);
        Optional<KernelMirror> mirror = catalog
                .map(found -> new KernelMirror(found, id -> manager.info(id).map(KernelInfo::definition)));
        KernelPlane plane = new KernelPlane(definitions, manager, mirror, catalog);
        List<KernelDefinition> files = plane.stored();
        if (mirror.isPresent()) {
            mirror.get().sync(files);
            plane.markImported();
            mirror.get().stored().forEach(manager::define);
            manager.addListener(mirror.get());
        } else {
            files.forEach(manager::define);
        }
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

    /** The gateway to {@code owner}'s kernels only, as the manager records their owner. */
    public KernelGateway gateway(String owner) {
        return gateway.forOwner(owner);
    }

    /** Saves (in the catalog when there is one, else as a JSON file) and applies a definition. */
    public void define(KernelDefinition definition) {
        KernelDefinition checked = new KernelDefinition(definition.id(), definition.name(), definition.owner(), definition.packages(),
                definition.memoryGb(), definition.cpus(), definition.gpus(), definition.recoveryMode(), definition.idleTimeout(),
                definition.maxLifetime());
        if (mirror.isPresent()) {
            mirror.get().defined(checked);
        } else {
            try {
                checked.write(definitions.resolve(checked.id() + ".json"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save kernel '" + checked.id() + "' under " + definitions, e);
            }
        }
        manager.define(checked);
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

    /** JSON definitions now in the catalog are renamed, so they are imported once. */
    private void markImported() {
        try (Stream<Path> files = Files.list(definitions)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".imported"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the imported kernel definitions under " + definitions, e);
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
