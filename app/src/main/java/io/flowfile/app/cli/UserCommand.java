package io.flowfile.app.cli;

import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowfile user add|list|remove|token|password}: the server's users, in the catalog. */
@Command(name = "user", description = "Manage the server's users and their API tokens.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class, UserCommand.Token.class,
                UserCommand.Password.class})
@Dependent
@Unremovable
public class UserCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every subcommand has: the data directory option, its spec, the users, its output. */
    abstract static class Base implements Callable<Integer> {
        @CommandLine.Mixin
        DataDirectoryOption dataDirectory;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Inject
        UserService users;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    /** A subcommand about one user. */
    abstract static class Named extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
    }

    @Command(name = "add", description = "Add a user; the password is read from standard input, or made up and printed once.")
    @Dependent
    @Unremovable
    public static class Add extends Named {
        @Option(names = "--admin", description = "Make the user an admin (sees and manages everything).")
        boolean admin;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordFromStdin;

        @Override
        public Integer call() throws IOException {
            String password = passwordFromStdin ? readLine() : generated();
            UserRecord user = users.create(name, password, admin ? Role.ADMIN : Role.USER);
            PrintWriter out = out();
            out.printf("Added %s '%s'%s%n", admin ? "admin" : "user", user.username(),
                    passwordFromStdin ? "" : " with password " + password + " (shown once)");
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", description = "List the users.")
    @Dependent
    @Unremovable
    public static class ListUsers extends Base {
        @Override
        public Integer call() {
            PrintWriter out = out();
            out.printf("%-24s %-6s %s%n", "USER", "ROLE", "CREATED");
            users.list().forEach(user -> out.printf("%-24s %-6s %s%n", user.username(), user.role().name().toLowerCase(java.util.Locale.ROOT),
                    user.created()));
            out.flush();
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a user with their tokens and sessions.")
    @Dependent
    @Unremovable
    public static class Remove extends Named {
        @Override
        public Integer call() {
            users.delete(name);
            out().printf("Removed user '%s'%n", name);
            out().flush();
            return 0;
        }
    }

    @Command(name = "token", description = "Create an API token for a user: its secret is printed once.")
    @Dependent
    @Unremovable
    public static class Token extends Named {
        @Option(names = "--name", paramLabel = "LABEL", defaultValue = "command line", description = "What the token is for.")
        String label;

        @Option(names = "--expires-in-days", paramLabel = "DAYS", description = "Expire after this many days (default: never).")
        Integer days;

        @Inject
        ApiTokenService tokens;

        @Override
        public Integer call() {
            if (days != null && (days < 1 || days > 36_500)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--expires-in-days must be between 1 and 36500, was " + days);
            }
            UserRecord user = users.get(name);
            Optional<Instant> expires = Optional.ofNullable(days).map(count -> Instant.now().plus(Duration.ofDays(count)));
            var created = tokens.create(user.id(), label, expires);
            out().println(created.secret());
            out().flush();
            return 0;
        }
    }

    @Command(name = "password", description = "Set a user's password (read from standard input).")
    @Dependent
    @Unremovable
    public static class Password extends Named {
        @Override
        public Integer call() throws IOException {
            users.setPassword(name, readLine());
            out().printf("Set the password of '%s'%n", name);
            out().flush();
            return 0;
        }
    }

    static String readLine() throws IOException {
        var reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password on standard input");
        }
        return line;
    }

    static String generated() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
