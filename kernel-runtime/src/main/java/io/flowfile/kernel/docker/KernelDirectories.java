package io.flowfile.kernel.docker;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.OwnerNames;
import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.protocol.ConnectionInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The host side of a kernel's files under the work root:
 * <pre>
 * owners/&lt;owner&gt;/exchange|artifacts|shared   mounted at /flowfile/... in that owner's containers
 *                                             (exchange: &lt;exchangeRoot&gt;/&lt;owner&gt; when the config names one)
 * containers/&lt;name&gt;/connection.json          the container's own connection file (mounted read-only)
 * containers/&lt;name&gt;/host-connection.json     the same kernel as reached from the host, for any Jupyter client
 * </pre>
 * When the engine runs as root the directories are handed to the kernel's uid, so the kernel can
 * write and nobody else can read the key.
 */
public final class KernelDirectories {

    /** Where the owner's directories are mounted inside a kernel container. */
    public static final String CONTAINER_EXCHANGE = "/flowfile/exchange";
    public static final String CONTAINER_ARTIFACTS = "/flowfile/artifacts";
    public static final String CONTAINER_SHARED = "/flowfile/shared";


    public record OwnerPaths(Path exchange, Path artifacts, Path shared) {}

    public record ContainerPaths(Path directory, Path containerConnectionFile, Path hostConnectionFile) {}

    private final KernelRuntimeConfig config;
    private final boolean root;

    KernelDirectories(KernelRuntimeConfig config) {
        this.config = config;
        this.root = processUid() == 0;
    }

    public OwnerPaths owner(String owner) {
        requireOwner(owner);
        Path base = config.workRoot().resolve("owners").resolve(owner);
        Path exchange = config.exchangeRoot() == null ? base.resolve("exchange") : config.exchangeRoot().resolve(owner);
        OwnerPaths paths = new OwnerPaths(exchange, base.resolve("artifacts"), base.resolve("shared"));
        for (Path directory : new Path[] {paths.exchange(), paths.artifacts(), paths.shared()}) {
            createForKernel(directory);
        }
        return paths;
    }

    /**
     * Opens an owner's exchange directory for the engine's own files in it: every later open,
     * create, rename and delete is relative to the opened directory and follows no link the kernel
     * may plant. New directories are made in an engine-only staging directory beside it and handed
     * to the kernel before they are moved in.
     */
    public SafeDirectory openExchange(String owner) {
        Path exchange = owner(owner).exchange();
        try {
            Path staging = exchange.resolveSibling("." + exchange.getFileName() + ".staging");
            if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return SafeDirectory.open(exchange, staging, directory -> handToKernel(directory, "rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the exchange directory " + exchange, e);
        }
    }

    ContainerPaths container(String name, ConnectionInfo inside) {
        Path directory = config.workRoot().resolve("containers").resolve(name);
        try {
            // Only this process enters it (the container sees its one file through a bind mount): it holds keys.
            Files.createDirectories(directory.getParent());
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path containerFile = directory.resolve("connection.json");
            inside.write(containerFile);
            handToKernel(containerFile, "r--------");
            return new ContainerPaths(directory, containerFile, directory.resolve("host-connection.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the connection file under " + directory, e);
        }
    }

    void writeHostConnection(ContainerPaths paths, ConnectionInfo outside) {
        try {
            outside.write(paths.hostConnectionFile());
            Files.setPosixFilePermissions(paths.hostConnectionFile(), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + paths.hostConnectionFile(), e);
        }
    }

    public Path hostConnectionFile(String containerName) {
        return config.workRoot().resolve("containers").resolve(containerName).resolve("host-connection.json");
    }

    ConnectionInfo readHostConnection(String containerName) {
        Path file = hostConnectionFile(containerName);
        try {
            return ConnectionInfo.read(file);
        } catch (IOException e) {
            throw new KernelException(KernelErrorCode.KERNEL_DIED, "container " + containerName + " has no readable connection file at " + file, e);
        }
    }

    void removeContainer(String name) {
        Path directory = config.workRoot().resolve("containers").resolve(name);
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
    }

    /** Creates {@code directory} (and its parents) so that the kernel can write in it. */
    private Path createForKernel(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                handToKernel(directory, "rwx------");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return directory;
    }

    /** Root hands the path to the kernel's uid; another user must run kernels as its own uid. */
    private void handToKernel(Path path, String permissions) throws IOException {
        if (root) {
            Files.setAttribute(path, "unix:uid", config.containerUid());
            Files.setAttribute(path, "unix:gid", config.containerGid());
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } else if (processUid() != config.containerUid()) {
            throw new KernelException(KernelErrorCode.INVALID_DEFINITION, "kernels run as uid " + config.containerUid()
                    + " but this engine runs as uid " + processUid() + " and cannot give it " + path
                    + "; set the container user to your own uid:gid");
        } else {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static void requireOwner(String owner) {
        if (!OwnerNames.isValid(owner)) {
            throw new KernelException(KernelErrorCode.INVALID_DEFINITION, "owner must be 1-128 letters, digits, '.', '_' or '-' "
                    + "(not starting with '.'), was '" + owner + "'");
        }
    }

    private static int processUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
