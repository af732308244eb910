package io.flowfile.kernel.docker;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A directory a kernel can write in (its exchange, artifacts or shared directory, or one below),
 * opened once and afterwards used only relative to that open directory, one name at a time, never
 * following a link: the kernel may plant or swap links and directories at any moment, and whatever
 * it does, nothing outside the directory is opened, created, renamed, chowned or deleted. Every
 * engine-side file operation inside a kernel's directories goes through here.
 *
 * <p>Java cannot make a directory relative to an open one, so a new directory is made in an
 * engine-only staging directory on the same filesystem, handed to the kernel there, and then moved
 * in with one rename relative to both open directories.
 */
public final class SafeDirectory implements Closeable {

    /** What a new directory is given before it is moved in (ownership and permissions for the kernel). */
    @FunctionalInterface
    public interface Preparation {
        void prepare(Path directory) throws IOException;
    }

    private final SecureDirectoryStream<Path> stream;
    private final Path path;
    private final Staging staging;

    private record Staging(Path directory, Preparation preparation) {}

    private SafeDirectory(SecureDirectoryStream<Path> stream, Path path, Staging staging) {
        this.stream = stream;
        this.path = path;
        this.staging = staging;
    }

    /**
     * Opens {@code directory} itself without following a link there. Its parent is trusted (the
     * engine's own); {@code staging} must be an engine-only directory on the same filesystem.
     */
    public static SafeDirectory open(Path directory, Path staging, Preparation preparation) throws IOException {
        requireNonNull(preparation, "preparation is null");
        Path absolute = directory.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new IOException("cannot open the root directory as a kernel's directory");
        }
        try (SecureDirectoryStream<Path> parent = secure(absolute.getParent())) {
            return new SafeDirectory(openChild(parent, absolute, absolute.getFileName()), absolute,
                    new Staging(staging.toAbsolutePath().normalize(), preparation));
        }
    }

    /** The host path this directory was opened as (for messages: it may have been moved since). */
    public Path path() {
        return path;
    }

    /** A directory below this one, each name opened without following a link. */
    public SafeDirectory directory(String relative) throws IOException {
        List<Path> names = names(relative);
        SafeDirectory current = this;
        for (Path name : names) {
            SafeDirectory next = new SafeDirectory(openChild(current.stream, current.path.resolve(name), name), current.path.resolve(name), staging);
            if (current != this) {
                current.close();
            }
            current = next;
        }
        return current;
    }

    /** Opens {@code name} below this directory, making it (for the kernel) first when it is missing. */
    public SafeDirectory directoryOrCreate(String name) throws IOException {
        Path single = single(name);
        if (attributes(single).isEmpty()) {
            Path made = Files.createDirectories(staging.directory()).resolve(UUID.randomUUID().toString());
            Files.createDirectory(made);
            try {
                staging.preparation().prepare(made);
                try (SecureDirectoryStream<Path> stagingStream = secure(staging.directory())) {
                    if (attributes(single).isPresent()) {
                        throw new FileAlreadyExistsException(path.resolve(single).toString());
                    }
                    stagingStream.move(made.getFileName(), stream, single);
                }
            } catch (FileAlreadyExistsException raced) {
                // made by someone else meanwhile: use theirs if it is a directory
            } finally {
                Files.deleteIfExists(made);
            }
        }
        return directory(name);
    }

    /** A new file {@code relative} (its directories must exist), refused when anything is there already. */
    public SeekableByteChannel create(String relative) throws IOException {
        Path name = last(relative);
        try (SafeDirectory parent = parent(relative)) {
            return parent.stream.newByteChannel(name, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS));
        }
    }

    /** Opens the regular file {@code relative} for reading; a link, directory or other kind of file is refused. */
    public SeekableByteChannel read(String relative) throws IOException {
        Path name = last(relative);
        try (SafeDirectory parent = parent(relative)) {
            BasicFileAttributes attributes = parent.attributes(name)
                    .orElseThrow(() -> new NoSuchFileException(path.resolve(relative).toString()));
            if (!attributes.isRegularFile()) {
                throw new FileSystemException(path.resolve(relative).toString(), null, "not a regular file ("
                        + (attributes.isSymbolicLink() ? "a link" : attributes.isDirectory() ? "a directory" : "a special file") + ")");
            }
            return parent.stream.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        }
    }

    /** What {@code relative} is, without following a link; empty when nothing is there. */
    public Optional<BasicFileAttributes> attributes(String relative) throws IOException {
        Path name = last(relative);
        try (SafeDirectory parent = parent(relative)) {
            return parent.attributes(name);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Renames {@code from} to {@code to}, both directly in this directory (replacing a file {@code to}). */
    public void rename(String from, String to) throws IOException {
        stream.move(single(from), stream, single(to));
    }

    /** The names directly in this directory. */
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        try (SecureDirectoryStream<Path> listing = stream.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
            for (Path entry : listing) {
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }

    /**
     * Deletes {@code name} (directly in this directory) if it is there: a link itself, never what it
     * points at; a directory with everything in it, each level opened without following links.
     */
    public void delete(String name) throws IOException {
        Path single = single(name);
        Optional<BasicFileAttributes> attributes = attributes(single);
        if (attributes.isEmpty()) {
            return;
        }
        try {
            if (attributes.get().isDirectory()) {
                try (SafeDirectory child = directory(name)) {
                    for (String entry : child.list()) {
                        child.delete(entry);
                    }
                }
                stream.deleteDirectory(single);
            } else {
                stream.deleteFile(single);
            }
        } catch (NoSuchFileException gone) {
            // removed meanwhile
        }
    }

    /** Removes the directory {@code name} (directly in this directory) if it is empty; answers whether it did. */
    public boolean deleteIfEmpty(String name) throws IOException {
        Path single = single(name);
        Optional<BasicFileAttributes> attributes = attributes(single);
        if (attributes.isEmpty() || !attributes.get().isDirectory()) {
            return false;
        }
        try {
            stream.deleteDirectory(single);
            return true;
        } catch (DirectoryNotEmptyException | NoSuchFileException stillInUseOrGone) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    private Optional<BasicFileAttributes> attributes(Path name) throws IOException {
        try {
            return Optional.of(stream.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private SafeDirectory parent(String relative) throws IOException {
        List<Path> names = names(relative);
        return names.size() == 1 ? directory(".") : directory(String.join("/", names.subList(0, names.size() - 1).stream().map(Path::toString).toList()));
    }

    private static Path last(String relative) {
        List<Path> names = names(relative);
        return names.getLast();
    }

    private static Path single(String name) {
        List<Path> names = names(name);
        if (names.size() != 1) {
            throw new IllegalArgumentException("'" + name + "' is not a single name");
        }
        return names.getFirst();
    }

    /** The names of a relative path; ".." and absolute paths are refused ("." alone is this directory). */
    private static List<Path> names(String relative) {
        requireNonNull(relative, "relative is null");
        if (relative.equals(".")) {
            return List.of(Path.of("."));
        }
        Path parsed = Path.of(relative);
        if (parsed.isAbsolute() || relative.isEmpty()) {
            throw new IllegalArgumentException("'" + relative + "' is not a relative path");
        }
        List<Path> names = new ArrayList<>();
        for (Path name : parsed) {
            if (name.toString().equals("..")) {
                throw new IllegalArgumentException("'" + relative + "' leaves its directory");
            }
            if (!name.toString().equals(".")) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            names.add(Path.of("."));
        }
        return names;
    }

    private static SecureDirectoryStream<Path> openChild(SecureDirectoryStream<Path> parent, Path where, Path name) throws IOException {
        try {
            return parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            if (e instanceof NoSuchFileException) {
                throw e;
            }
            throw new FileSystemException(where.toString(), null, "not a directory one may open without following a link ("
                    + e.getReason() + ")");
        }
    }

    private static SecureDirectoryStream<Path> secure(Path directory) throws IOException {
        DirectoryStream<Path> opened = Files.newDirectoryStream(directory);
        if (opened instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        opened.close();
        throw new IOException("this platform cannot open files relative to an open directory (no SecureDirectoryStream for "
                + directory + "); kernels need Linux");
    }
}
