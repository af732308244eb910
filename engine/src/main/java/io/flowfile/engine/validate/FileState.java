package io.flowfile.engine.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A file as a plan found it: size, modification time and identity (device and inode), read without
 * following a link, so that a file written again, replaced, or turned into a link (or reached through
 * a directory turned into one) no longer matches.
 */
record FileState(Path path, long size, Instant modified, Object identity) {

    /** The state of each file, or empty if one cannot be read or changed after {@code before} (it may have been read half old). */
    static Optional<List<FileState>> settled(List<Path> files, Instant before) {
        var states = new ArrayList<FileState>(files.size());
        for (Path file : files) {
            Optional<FileState> state = of(file);
            if (state.isEmpty() || !state.get().modified().isBefore(before)) {
                return Optional.empty();
            }
            states.add(state.get());
        }
        return Optional.of(List.copyOf(states));
    }

    /** Whether every file is still as it was. */
    static boolean unchanged(List<FileState> states) {
        for (FileState state : states) {
            if (!Optional.of(state).equals(of(state.path()))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<FileState> of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new FileState(file, attributes.size(), attributes.lastModifiedTime().toInstant(),
                    Objects.requireNonNullElse(attributes.fileKey(), "no key")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
