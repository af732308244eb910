package io.flowfile.app;

import io.flowfile.app.cli.FlowfileCommand;
import io.quarkus.runtime.QuarkusApplication;

/** The Quarkus application of the command line: parses the arguments and runs the command. */
public final class FlowfileApplication implements QuarkusApplication {

    /** The system property (and configuration key) that holds the data directory. */
    public static final String DATA_DIRECTORY_PROPERTY = "flowfile.data-dir";

    @Override
    public int run(String... args) {
        return FlowfileCommand.commandLine().execute(args);
    }
}
