package io.flowfile.app.bench;

import picocli.CommandLine.Command;

/** {@code flowfile bench}: benchmarks that compare side by side in one run. */
@Command(name = "bench", description = "Benchmarks that compare side by side in one run: engine vs hand-written DuckDB SQL; kernels vs plain docker run and jupyter_client.",
        subcommands = {EngineBenchmark.class, KernelBenchmark.class, HandoffBenchmark.class, ServerBenchmark.class, CliBenchmark.class, SchedulerBenchmark.class, LoadBenchmark.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
