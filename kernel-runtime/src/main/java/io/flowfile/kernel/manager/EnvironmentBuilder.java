package io.flowfile.kernel.manager;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.docker.DockerProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Locked kernel environments. A kernel with extra packages gets a derived image: the packages are
 * resolved once on the host into a lock file (exact versions, constrained by the base image's own
 * lock), their wheels are downloaded into a wheelhouse, and an image built from the base image plus
 * those wheels is tagged by the hash of base image and lock. The same packages give the same tag,
 * so later kernels reuse the image; nothing is resolved twice.
 */
final class EnvironmentBuilder {

    static final String IMAGE_REPOSITORY = "flowfile-kernel-env";
    private static final List<String> PLATFORMS = List.of("manylinux_2_36_x86_64", "manylinux_2_34_x86_64",
            "manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64", "any");

    private final KernelRuntimeConfig config;
    private final DockerProvisioner provisioner;
    private final Map<String, String> images = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> lockedPackages = new ConcurrentHashMap<>();

    EnvironmentBuilder(KernelRuntimeConfig config, DockerProvisioner provisioner) {
        this.config = config;
        this.provisioner = provisioner;
    }

    /** The image for the definition: the standard one, or its locked derived image (built on first use). */
    String imageFor(KernelDefinition definition) {
        if (definition.packages().isEmpty()) {
            return config.image();
        }
        if (!provisioner.imageExists(config.image())) {
            throw new KernelException(KernelErrorCode.IMAGE_MISSING, "the kernel image '" + config.image()
                    + "' is not in the Docker engine; build it with docker/flowfile-kernel/build.sh");
        }
        String baseId = provisioner.docker().inspectImageCmd(config.image()).exec().getId();
        TreeSet<String> requested = new TreeSet<>();
        definition.packages().forEach(requirement -> requested.add(requirement.strip()));
        String key = sha256(baseId + "\n" + String.join("\n", requested)).substring(0, 16);
        return images.computeIfAbsent(key, k -> build(definition.id(), baseId, requested, k));
    }

    /**
     * The packages of a kernel's environment (normalised name → version): the base image's lock, and
     * the kernel's own lock once it was resolved; before that, its requested packages with version
     * {@code *} (their version is known only when the environment is built).
     */
    Map<String, String> packages(KernelDefinition definition) {
        // a locked environment never changes: answered once (validation asks for every Python node type)
        String asked = config.image() + "\n" + String.join("\n", new TreeSet<>(definition.packages()));
        Map<String, String> known = lockedPackages.get(asked);
        if (known != null) {
            return known;
        }
        var packages = new java.util.TreeMap<String, String>();
        Path baseLock = config.environments().baseBuildContext().resolve("requirements.lock");
        readPins(baseLock, packages);
        if (!definition.packages().isEmpty()) {
            boolean locked = false;
            if (provisioner.imageExists(config.image())) {
                String baseId = provisioner.docker().inspectImageCmd(config.image()).exec().getId();
                TreeSet<String> requested = new TreeSet<>();
                definition.packages().forEach(requirement -> requested.add(requirement.strip()));
                String key = sha256(baseId + "\n" + String.join("\n", requested)).substring(0, 16);
                Path lock = config.environments().wheelhouse().resolve("environments").resolve(key).resolve("requirements.lock");
                locked = readPins(lock, packages);
            }
            if (!locked) {
                definition.packageNames().forEach(name -> packages.putIfAbsent(name, "*"));
                return packages;
            }
        }
        Map<String, String> result = java.util.Collections.unmodifiableMap(packages);
        lockedPackages.put(asked, result);
        return result;
    }

    /** Adds the {@code name==version} lines of a lock file; whether it existed. */
    private static boolean readPins(Path lock, Map<String, String> packages) {
        if (!Files.isRegularFile(lock)) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(lock)) {
                String pin = line.strip();
                int separator = pin.indexOf("==");
                if (separator > 0 && !pin.startsWith("#")) {
                    String version = pin.substring(separator + 2).split("[\\s;]", 2)[0];
                    packages.put(pin.substring(0, separator).toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-"), version);
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the environment lock " + lock, e);
        }
    }

    private synchronized String build(String kernelId, String baseId, Set<String> requested, String key) {
        Path directory = config.environments().wheelhouse().resolve("environments").resolve(key);
        Path lock = directory.resolve("requirements.lock");
        try {
            if (!Files.isRegularFile(lock)) {
                resolve(kernelId, baseId, requested, directory, lock);
            }
            String lockText = Files.readString(lock);
            String tag = IMAGE_REPOSITORY + ":" + sha256(baseId + "\n" + lockText).substring(0, 12);
            if (!provisioner.imageExists(tag)) {
                buildImage(kernelId, directory, lockText, tag);
            }
            return tag;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the environment of kernel '" + kernelId + "' in " + directory, e);
        }
    }

    private void resolve(String kernelId, String baseId, Set<String> requested, Path directory, Path lock) throws IOException {
        Path wheels = directory.resolve("wheels");
        Files.createDirectories(wheels);
        Path baseLock = config.environments().baseBuildContext().resolve("requirements.lock");
        String python = pythonVersion(baseId);
        List<String> command = new ArrayList<>(List.of(config.environments().pipCommand().split("\\s+")));
        command.addAll(List.of("download", "--only-binary=:all:", "--python-version", python, "--implementation", "cp",
                "-d", wheels.toString(), "-c", baseLock.toString()));
        for (String platform : PLATFORMS) {
            command.addAll(List.of("--platform", platform));
        }
        if (config.environments().findLinks() != null) {
            command.addAll(List.of("--no-index", "--find-links", config.environments().findLinks().toString()));
        }
        command.addAll(requested);
        run(kernelId, command, directory.resolve("resolve.log"));
        Set<String> basePins = new TreeSet<>();
        for (String line : Files.readAllLines(baseLock)) {
            if (line.contains("==")) {
                basePins.add(normalise(line.strip()));
            }
        }
        List<String> pins = new ArrayList<>();
        try (Stream<Path> files = Files.list(wheels)) {
            for (Path wheel : files.sorted().toList()) {
                String[] parts = wheel.getFileName().toString().split("-");
                String pin = normalise(parts[0] + "==" + parts[1]);
                if (basePins.contains(pin)) {
                    Files.delete(wheel); // already in the base image at that exact version
                } else {
                    pins.add(pin);
                }
            }
        }
        Files.writeString(lock, String.join("\n", pins) + "\n");
    }

    private void buildImage(String kernelId, Path directory, String lockText, String tag) throws IOException {
        String dockerfile = """
                FROM %s
                USER root
                COPY wheels /tmp/environment-wheels
                COPY requirements.lock /opt/flowfile/environment.lock
                RUN python3 -m pip install --no-index --no-deps --no-cache-dir --find-links /tmp/environment-wheels \\
                      -r /opt/flowfile/environment.lock && rm -rf /tmp/environment-wheels
                USER %s
                LABEL io.flowfile.environment-lock-sha256="%s"
                """.formatted(config.image(), config.containerUser(), sha256(lockText));
        Files.writeString(directory.resolve("Dockerfile"), dockerfile);
        try {
            provisioner.docker().buildImageCmd(directory.toFile()).withTags(Set.of(tag)).withPull(false)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId(config.environments().buildTimeout().toSeconds(), TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            throw new KernelException(KernelErrorCode.IMAGE_BUILD_FAILED, "building the environment image of kernel '"
                    + kernelId + "' failed: " + e.getMessage(), e);
        }
    }

    /** The Python version the base image was built for (build.sh labels it), to resolve wheels for it. */
    private String pythonVersion(String baseId) {
        var labels = provisioner.docker().inspectImageCmd(baseId).exec().getConfig().getLabels();
        String version = labels == null ? null : labels.get("io.flowfile.python-version");
        if (version == null || !version.matches("\\d+\\.\\d+")) {
            throw new KernelException(KernelErrorCode.IMAGE_BUILD_FAILED, "the kernel image '" + config.image()
                    + "' has no io.flowfile.python-version label, so extra packages cannot be resolved for it; "
                    + "rebuild it with docker/flowfile-kernel/build.sh");
        }
        return version;
    }

    private void run(String kernelId, List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(config.environments().buildTimeout().toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new KernelException(KernelErrorCode.IMAGE_BUILD_FAILED, "resolving the packages of kernel '" + kernelId
                        + "' took longer than " + config.environments().buildTimeout().toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KernelException(KernelErrorCode.CANCELLED, "resolving the packages of kernel '" + kernelId + "' was interrupted");
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new KernelException(KernelErrorCode.IMAGE_BUILD_FAILED, "pip could not resolve the packages of kernel '" + kernelId
                    + "': " + String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size())));
        }
    }

    private static String normalise(String pin) {
        int separator = pin.indexOf("==");
        return pin.substring(0, separator).toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-") + pin.substring(separator);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
