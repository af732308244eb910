package io.flowfile.app.cli;

import io.flowfile.app.bench.BenchCommand;
import io.flowfile.app.kernel.KernelCommand;
import io.flowfile.engine.FlowException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> failed(error, line));
        commandLine.setParameterExceptionHandler((error, args) -> {
            error.getCommandLine().getErr().println(error.getMessage());
            error.getCommandLine().usage(error.getCommandLine().getErr());
            return INVALID;
        });
        return commandLine;
    }

    /**
     * The one handler of every command's failure: the message, never a stack trace (unless
     * {@code FLOWFILE_DEBUG} is set). Bad input (an invalid flow, an argument, a file that cannot be
     * read or written) exits with {@link #INVALID}; anything else with {@link #RUN_FAILED}.
     */
    private static int failed(Exception error, CommandLine line) {
        PrintWriter err = line.getErr();
        int code = switch (error) {
            case FlowException flow -> {
                err.println("The flow has " + flow.problems().size() + (flow.problems().size() == 1 ? " problem:" : " problems:"));
                flow.problems().forEach(problem -> err.println("  - " + problem));
                yield INVALID;
            }
            case CommandLine.ParameterException parameter -> {
                err.println(parameter.getMessage());
                yield INVALID;
            }
            case io.flowfile.catalog.CatalogException catalog -> {
                err.println(catalog.getMessage() + " [" + catalog.code().name() + "]");
                yield INVALID;
            }
            case IllegalArgumentException invalid -> {
                err.println("flowfile: " + message(invalid));
                yield INVALID;
            }
            case UncheckedIOException io -> {
                err.println("flowfile: " + message(io));
                yield INVALID;
            }
            default -> {
                err.println("flowfile: " + message(error));
                yield RUN_FAILED;
            }
        };
        if (System.getenv("FLOWFILE_DEBUG") != null) {
            error.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The error's message, followed by its causes' where they add something. */
    private static String message(Throwable error) {
        var text = new StringBuilder(error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
