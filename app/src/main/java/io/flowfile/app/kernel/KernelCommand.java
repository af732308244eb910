package io.flowfile.app.kernel;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flowfile kernel}: the kernel image and kernels. */
@Command(name = "kernel", description = "Kernels: build the kernel image.", subcommands = KernelImageCommand.class)
public final class KernelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
