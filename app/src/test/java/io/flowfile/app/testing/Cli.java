package io.flowfile.app.testing;

import io.flowfile.app.cli.FlowfileCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code flowfile} commands in-process and keeps what they printed. */
public final class Cli {

    /** Commands that start no engine (no {@code --data-dir}), or take it before a subcommand (kernel, catalog). */
    private static final List<String> WITHOUT_DATA = List.of("nodes", "schema", "format", "kernel", "catalog");

    public record Outcome(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    /** {@code flowfile args...}, with {@code --data-dir dataDirectory} added for the commands that take it last. */
    public static Outcome run(Path dataDirectory, String... args) {
        CommandLine commandLine = FlowfileCommand.commandLine(new io.flowfile.app.FlowfileApplication.BeanFactory());
        var out = new StringWriter();
        var err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        var all = new ArrayList<>(List.of(args));
        if (!WITHOUT_DATA.contains(args[0])) {
            all.addAll(List.of("--data-dir", dataDirectory.toString()));
        }
        int code = commandLine.execute(all.toArray(String[]::new));
        return new Outcome(code, out.toString(), err.toString());
    }
}
