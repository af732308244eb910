package io.flowfile.app.kernel;

import static java.util.Objects.requireNonNull;

import io.flowfile.kernel.docker.SafeDirectory;
import io.flowfile.node.AreaFiles;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * A node's exchange area on a kernel: the engine's file operations there, each relative to the
 * opened area and never following a link the kernel planted ({@link SafeDirectory}).
 */
public final class KernelAreaFiles implements AreaFiles {

    private final SafeDirectory area;
    private final String owner;
    private final String runId;
    private final String nodeId;

    /** @param area the opened directory {@code <owner's exchange>/<runId>/<nodeId>} */
    public KernelAreaFiles(SafeDirectory area, String owner, String runId, String nodeId) {
        this.area = requireNonNull(area, "area is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.runId = requireNonNull(runId, "runId is null");
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
    }

    String owner() {
        return owner;
    }

    String runId() {
        return runId;
    }

    String nodeId() {
        return nodeId;
    }

    @Override
    public SeekableByteChannel create(String relative) throws IOException {
        return area.create(relative);
    }

    @Override
    public SeekableByteChannel read(String relative) throws IOException {
        return area.read(relative);
    }

    @Override
    public Optional<BasicFileAttributes> attributes(String relative) throws IOException {
        return area.attributes(relative);
    }

    @Override
    public void createDirectories(String relative) throws IOException {
        SafeDirectory current = area;
        for (String name : relative.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            SafeDirectory next = current.directoryOrCreate(name);
            if (current != area) {
                current.close();
            }
            current = next;
        }
        if (current != area) {
            current.close();
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        int slash = from.lastIndexOf('/');
        String directory = slash < 0 ? "." : from.substring(0, slash);
        if (!directory.equals(to.lastIndexOf('/') < 0 ? "." : to.substring(0, to.lastIndexOf('/')))) {
            throw new IllegalArgumentException("'" + from + "' and '" + to + "' are not in one directory");
        }
        try (SafeDirectory parent = area.directory(directory)) {
            parent.rename(from.substring(slash + 1), to.substring(to.lastIndexOf('/') + 1));
        }
    }

    @Override
    public List<String> list(String relative) throws IOException {
        try (SafeDirectory directory = area.directory(relative)) {
            return directory.list();
        }
    }

    @Override
    public void delete(String relative) throws IOException {
        int slash = relative.lastIndexOf('/');
        try (SafeDirectory parent = area.directory(slash < 0 ? "." : relative.substring(0, slash))) {
            parent.delete(relative.substring(slash + 1));
        }
    }

    @Override
    public void close() throws IOException {
        area.close();
    }
}
