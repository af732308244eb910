package io.flowfile.app.cli;

import io.flowfile.engine.plan.ExecutionMode;
import java.util.Locale;
import picocli.CommandLine;

final class Modes {

    private Modes() {
    }

    static ExecutionMode parse(String text) {
        try {
            return ExecutionMode.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(new FlowfileCommand()),
                    "--mode must be performance or development, got '" + text + "'");
        }
    }
}
