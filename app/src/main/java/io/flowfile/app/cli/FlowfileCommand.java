package io.flowfile.app.cli;

import io.flowfile.app.bench.BenchCommand;
import io.flowfile.app.kernel.KernelCommand;
import io.flowfile.engine.FlowException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flowfile}: the command line of Flowfile JVM. */
@Command(name = "flowfile", mixinStandardHelpOptions = true, version = "flowfile 0.1.0",
        description = "Visual data-flow pipelines on embedded DuckDB.",
        subcommands = {RunCommand.class, RegisterCommand.class, ValidateCommand.class, PreviewCommand.class, NodesCommand.class,
                SchemaCommand.class, FormatCommand.class, BenchCommand.class, KernelCommand.class, CatalogCommand.class,
                ServeCommand.class, UserCommand.class})
public final class FlowfileCommand implements Runnable {

    /** Exit code of a run that failed. */
    public static final int RUN_FAILED = 1;
    /** Exit code of a flow that does not load or validate, and of bad command-line arguments. */
    public static final int INVALID = 2;
    /** Exit code of a cancelled run (Ctrl-C). */
    public static final int CANCELLED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** The command line whose commands {@code factory} makes (the application's: CDI beans where they are beans). */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        var commandLine = new CommandLine(new FlowfileCommand(), factory);
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            if (error instanceof FlowException flow) {
                line.getErr().println("The flow has " + flow.problems().size()
                        + (flow.problems().size() == 1 ? " problem:" : " problems:"));
                flow.problems().forEach(problem -> line.getErr().println("  - " + problem));
                return INVALID;
            }
            if (error instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
                line.getErr().println(invalid.getMessage());
                return INVALID;
            }
            if (error instanceof io.flowfile.catalog.CatalogException catalog) {
                line.getErr().println(catalog.getMessage() + " [" + catalog.code().name() + "]");
                return INVALID;
            }
            throw error;
        });
        commandLine.setParameterExceptionHandler((error, args) -> {
            error.getCommandLine().getErr().println(error.getMessage());
            error.getCommandLine().usage(error.getCommandLine().getErr());
            return INVALID;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
