package io.flowfile.app;

import io.flowfile.app.cli.FlowfileCommand;
import picocli.CommandLine;

/** Entry point of the {@code flowfile} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(FlowfileCommand.commandLine().execute(args));
    }
}
