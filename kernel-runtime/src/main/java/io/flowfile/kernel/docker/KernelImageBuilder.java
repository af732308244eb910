package io.flowfile.kernel.docker;

import static java.util.Objects.requireNonNull;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Builds the kernel image from Java with the same logic as the command line: it runs the build
 * context's {@code build.sh}, which makes a local base image from a Debian rootfs when none can be
 * pulled, fills the wheelhouse from the lock file on the host and runs {@code docker build}.
 */
public final class KernelImageBuilder {

    private final Path buildContext;
    private final Duration timeout;

    public KernelImageBuilder(Path buildContext, Duration timeout) {
        this.buildContext = requireNonNull(buildContext, "buildContext is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** Builds (or, with nothing changed, re-tags from the layer cache in seconds) and returns the tag. */
    public String build(String tag, String baseImage, Consumer<String> progress) {
        Path script = buildContext.toAbsolutePath().resolve("build.sh");
        if (!Files.isExecutable(script)) {
            throw new KernelException(KernelErrorCode.IMAGE_BUILD_FAILED, "no executable build script at " + script
                    + "; pass the kernel image's build directory (docker/flowfile-kernel)");
        }
        List<String> command = new ArrayList<>(List.of(script.toString(), "--tag", tag));
        if (baseImage != null && !baseImage.isBlank()) {
            command.addAll(List.of("--base", baseImage));
        }
        List<String> tail = new ArrayList<>();
        try {
            Process process = new ProcessBuilder(command).directory(buildContext.toFile()).redirectErrorStream(true).start();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        progress.accept(line);
                        synchronized (tail) {
                            tail.add(line);
                            if (tail.size() > 20) {
                                tail.removeFirst();
                            }
                        }
                    }
                } catch (IOException e) {
                    progress.accept("(reading the build output failed: " + e.getMessage() + ")");
                }
            });
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new KernelException(KernelErrorCode.IMAGE_BUILD_FAILED, "building " + tag + " took longer than " + timeout.toMinutes() + " min");
            }
            reader.join(Duration.ofSeconds(5));
            if (process.exitValue() != 0) {
                synchronized (tail) {
                    throw new KernelException(KernelErrorCode.IMAGE_BUILD_FAILED, "building " + tag + " failed (exit code "
                            + process.exitValue() + "):\n" + String.join("\n", tail));
                }
            }
            return tag;
        } catch (IOException e) {
            throw new KernelException(KernelErrorCode.IMAGE_BUILD_FAILED, "cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException(KernelErrorCode.CANCELLED, "building " + tag + " was interrupted");
        }
    }
}
