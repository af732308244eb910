package io.flowfile.app.bench;

import picocli.CommandLine.Command;

/** {@code flowfile bench}: benchmarks that compare side by side in one run. */
@Command(name = "bench", description = "Benchmarks: our engine against hand-written DuckDB SQL, on the same data, in one process.",
        subcommands = EngineBenchmark.class)
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
