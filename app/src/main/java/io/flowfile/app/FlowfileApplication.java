package io.flowfile.app;

import io.flowfile.app.cli.FlowfileCommand;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.QuarkusApplication;
import picocli.CommandLine;

/**
 * The Quarkus application of the command line and the server: parses the arguments and runs the
 * command. Commands that are CDI beans ({@code serve}, {@code user}) are made by the container, so
 * they get the application's services injected; the others are plain picocli objects.
 */
public final class FlowfileApplication implements QuarkusApplication {

    /** The system property (and configuration key) that holds the data directory. */
    public static final String DATA_DIRECTORY_PROPERTY = "flowfile.data-dir";

    @Override
    public int run(String... args) {
        return FlowfileCommand.commandLine(new BeanFactory()).execute(args);
    }

    /** The composition root: the one place the command line asks the container for beans. */
    public static final class BeanFactory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            var container = Arc.container();
            if (container != null && container.isRunning()) {
                InstanceHandle<K> bean = container.instance(type);
                if (bean.isAvailable()) {
                    return bean.get();
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
