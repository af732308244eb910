package io.flowfile.app;

import io.flowfile.app.cli.DataDirectoryOption;
import io.flowfile.app.cli.FlowfileCommand;
import io.flowfile.app.cli.QuickCommands;
import io.flowfile.app.cli.ServeCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the {@code flowfile} command: starts the Quarkus application, which runs the
 * command line ({@link FlowfileApplication}) and exits with its code. The data directory is found
 * before Quarkus starts, because the catalog's database lives under it; only {@code serve} opens
 * the HTTP port (on the host and port its options give). Commands that need neither catalog nor
 * server ({@link QuickCommands}) run without starting the application at all.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // H2's AUTO_SERVER (the catalog shared with the command line) listens on this address only, never on all interfaces
        System.getProperties().putIfAbsent("h2.bindAddress", "127.0.0.1");
        java.nio.file.Path dataDirectory = DataDirectoryOption.dataDirectory(args).toAbsolutePath();
        if (java.nio.file.Files.exists(dataDirectory) && !java.nio.file.Files.isDirectory(dataDirectory)) {
            System.err.println("flowfile: the data directory " + dataDirectory + " is a file, not a directory (--data-dir or $FLOWFILE_DATA_DIR)");
            System.exit(2);
        }
        if (QuickCommands.handles(args, dataDirectory)) {
            System.exit(FlowfileCommand.commandLine().execute(args));
        }
        System.setProperty(FlowfileApplication.DATA_DIRECTORY_PROPERTY, dataDirectory.toString());
        if (ServeCommand.isServe(args)) {
            ServeCommand.configureHttp(args);
        } else {
            System.setProperty("quarkus.http.host-enabled", "false");
            // only the server fires schedules
            System.setProperty("flowfile.scheduler.enabled", "false");
        }
        Quarkus.run(FlowfileApplication.class, args);
    }
}
