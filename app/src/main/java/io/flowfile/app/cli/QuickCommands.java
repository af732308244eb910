package io.flowfile.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The commands that need neither the catalog nor the server run without starting the Quarkus
 * application (no Hibernate, no Flyway, no HTTP): {@code nodes}, {@code schema}, {@code format},
 * and {@code validate} / {@code run} of a flow without Python Script nodes (they need the kernel
 * definitions, which live in the catalog) when no catalog exists under the data directory yet (a
 * run of a registered flow is recorded there).
 */
public final class QuickCommands {

    private static final Set<String> ALWAYS = Set.of("nodes", "schema", "format");
    private static final Set<String> WITHOUT_CATALOG = Set.of("validate", "run");

    private QuickCommands() {
    }

    /** Whether {@code args} can run without the application, given the data directory they use. */
    public static boolean handles(String[] args, Path dataDirectory) {
        String command = null;
        String flow = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) {
                return false;
            }
            if (arg.startsWith("-")) {
                if (!arg.contains("=") && takesValue(arg)) {
                    i++;
                }
                continue;
            }
            if (command == null) {
                command = arg;
            } else if (flow == null) {
                flow = arg;
            }
        }
        if (command == null) {
            return false;
        }
        if (ALWAYS.contains(command)) {
            return true;
        }
        if (!WITHOUT_CATALOG.contains(command) || flow == null) {
            return false;
        }
        if (Files.exists(dataDirectory.resolve("catalog"))) {
            return false;
        }
        try {
            long size = Files.size(Path.of(flow));
            return size < 64L * 1024 * 1024 && !Files.readString(Path.of(flow), StandardCharsets.UTF_8).contains("python_script");
        } catch (IOException | RuntimeException e) {
            return false; // the application reports what is wrong with the file
        }
    }

    /** Options of these commands that take a value (so the value is not taken for the flow). */
    private static boolean takesValue(String option) {
        return Set.of("--data-dir", "--threads", "--memory-limit", "--parallelism", "--mode", "-p", "--param", "--to", "-o", "--output")
                .contains(option);
    }
}
