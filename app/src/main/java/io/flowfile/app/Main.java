package io.flowfile.app;

import io.flowfile.app.cli.EngineOptions;
import io.flowfile.app.cli.ServeCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the {@code flowfile} command: starts the Quarkus application, which runs the
 * command line ({@link FlowfileApplication}) and exits with its code. The data directory is found
 * before Quarkus starts, because the catalog's database lives under it; only {@code serve} opens
 * the HTTP port (on the host and port its options give).
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty(FlowfileApplication.DATA_DIRECTORY_PROPERTY, EngineOptions.dataDirectory(args).toAbsolutePath().toString());
        if (ServeCommand.isServe(args)) {
            ServeCommand.configureHttp(args);
        } else {
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(FlowfileApplication.class, args);
    }
}
