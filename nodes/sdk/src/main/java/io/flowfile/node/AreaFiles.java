package io.flowfile.node;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of one node's exchange area as the engine may touch them. A kernel writes in the same
 * directories and may plant or swap links there at any moment, so the application's implementation
 * opens everything relative to the opened area, one name at a time, never following a link. Paths
 * are relative to the area ({@code "inputs/main-0.arrow"}); ".." and absolute paths are refused.
 */
public interface AreaFiles extends Closeable {

    /** A new file (its directories must exist); refused when anything is there already. */
    SeekableByteChannel create(String relative) throws IOException;

    /** The regular file {@code relative}, for reading; a link, directory or special file is refused. */
    SeekableByteChannel read(String relative) throws IOException;

    /** What is at {@code relative}, links not followed; empty when nothing is. */
    Optional<BasicFileAttributes> attributes(String relative) throws IOException;

    /** Makes the directory {@code relative} and its parents where missing, for the kernel to use too. */
    void createDirectories(String relative) throws IOException;

    /** Renames a file within one directory ({@code from} and {@code to} have the same parent), replacing {@code to}. */
    void rename(String from, String to) throws IOException;

    /** The names in the directory {@code relative}. */
    List<String> list(String relative) throws IOException;

    /** Deletes {@code relative} if it is there: a link itself, a directory with everything in it. */
    void delete(String relative) throws IOException;

    /**
     * Plain file operations under {@code directory}, for areas no kernel writes in (tests,
     * benchmarks): the paths are checked, the files are not opened relative to the area.
     */
    static AreaFiles trusted(Path directory) {
        return new AreaFiles() {
            private Path resolve(String relative) {
                Path path = Path.of(relative);
                Path resolved = directory.resolve(path).normalize();
                if (path.isAbsolute() || !resolved.startsWith(directory.normalize())) {
                    throw new IllegalArgumentException("'" + relative + "' leaves " + directory);
                }
                return resolved;
            }

            @Override
            public SeekableByteChannel create(String relative) throws IOException {
                return Files.newByteChannel(resolve(relative), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }

            @Override
            public SeekableByteChannel read(String relative) throws IOException {
                Path file = resolve(relative);
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? new FileSystemException(file.toString(), null, "not a regular file")
                            : new NoSuchFileException(file.toString());
                }
                return Files.newByteChannel(file, StandardOpenOption.READ);
            }

            @Override
            public Optional<BasicFileAttributes> attributes(String relative) throws IOException {
                Path file = resolve(relative);
                return Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                        ? Optional.of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)) : Optional.empty();
            }

            @Override
            public void createDirectories(String relative) throws IOException {
                Files.createDirectories(resolve(relative));
            }

            @Override
            public void rename(String from, String to) throws IOException {
                Files.move(resolve(from), resolve(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            public List<String> list(String relative) throws IOException {
                try (Stream<Path> entries = Files.list(resolve(relative))) {
                    return entries.map(entry -> entry.getFileName().toString()).toList();
                }
            }

            @Override
            public void delete(String relative) throws IOException {
                Path target = resolve(relative);
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                List<Path> paths = new ArrayList<>();
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> walk = Files.walk(target)) {
                        walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
                    }
                } else {
                    paths.add(target);
                }
                for (Path path : paths) {
                    Files.deleteIfExists(path);
                }
            }

            @Override
            public void close() {}
        };
    }
}
