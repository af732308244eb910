package io.flowfile.app.kernel;

import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.docker.KernelImageBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowfile kernel image build}: builds the kernel image on a machine with or without a registry. */
@Command(name = "image", description = "The kernel image.")
public final class KernelImageCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Command(name = "build", description = "Build the kernel image (local Debian base when none can be pulled; offline wheelhouse).")
    int build(@Option(names = "--tag", defaultValue = KernelRuntimeConfig.DEFAULT_IMAGE, description = "Image tag (default: ${DEFAULT-VALUE}).") String tag,
              @Option(names = "--base", description = "Base image (default: python:3.12-slim when present, else a local Debian base).") String base,
              @Option(names = "--context", description = "Build directory (default: docker/flowfile-kernel of this checkout).") Path context) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            String built = new KernelImageBuilder(context != null ? context : KernelPlane.kernelBuildContext(), Duration.ofMinutes(60)).build(tag, base, line -> {
                out.println(line);
                out.flush();
            });
            out.println("built " + built);
            return 0;
        } catch (KernelException e) {
            spec.commandLine().getErr().println("flowfile: " + e.getMessage());
            return 1;
        }
    }

}
