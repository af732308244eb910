package io.flowfile.app.cli;

import io.flowfile.app.security.LoginLink;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.blob.BlobSweeper;
import io.flowfile.catalog.user.UserService;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code flowfile serve}: the server. The HTTP port opens as the application starts (Main sets
 * host and port from these options first); this command makes sure there is an admin, prints the
 * login link and waits for Ctrl-C / SIGTERM, when runs are cancelled ("server stopped"), kernels
 * are left running for the next start and the catalog is closed.
 */
@Command(name = "serve", description = "Run the server: REST API, live events and the web UI, with a login link.")
@Dependent
@Unremovable
public class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(ServeCommand.class);
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "TCP port (default: 8080).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = DEFAULT_HOST,
            description = "Address to listen on (default: 127.0.0.1, this machine only).")
    String host;

    /** Read by {@link io.flowfile.app.Main} before the application starts; here so that the command accepts it. */
    @CommandLine.Mixin
    DataDirectoryOption dataDirectory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Inject
    UserService users;

    @Inject
    LoginLink loginLink;

    @Inject
    io.flowfile.app.schedule.QuartzScheduler scheduler;

    @Inject
    BlobSweeper sweeper;

    @Inject
    io.flowfile.catalog.user.SessionService sessions;

    @ConfigProperty(name = "quarkus.http.port")
    int actualPort;

    /** Whether the command line asks for the server (its first word that is not an option is {@code serve}). */
    public static boolean isServe(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg.equals("serve");
            }
        }
        return false;
    }

    /** Sets Quarkus' HTTP host and port from {@code --host} / {@code --port} before the application starts. */
    public static void configureHttp(String[] args) {
        System.setProperty("quarkus.http.host", option(args, "--host").orElse(DEFAULT_HOST));
        String port = option(args, "--port").orElse(Integer.toString(DEFAULT_PORT));
        if (port.matches("\\d{1,5}") && Integer.parseInt(port) <= 65535) {
            System.setProperty("quarkus.http.port", port);
        }
        // A server keeps its catalog connections open (the command line opens one per transaction, so
        // that several commands can take turns on one H2 file); other processes reach an H2 file the
        // server holds through its AUTO_SERVER port.
        if (System.getProperty("quarkus.datasource.jdbc.pooling-enabled") == null) {
            System.setProperty("quarkus.datasource.jdbc.pooling-enabled", "true");
        }
    }

    private static Optional<String> option(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return Optional.of(args[i + 1]);
            }
            if (args[i].startsWith(name + "=")) {
                return Optional.of(args[i].substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    @Override
    public Integer call() {
        if (port < 1 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 1 and 65535, was " + port);
        }
        PrintWriter out = spec.commandLine().getOut();
        UserRecord admin = admin(out);
        String token = loginLink.issue(admin, scheduler.instance());
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("flowfile-housekeeping").daemon().factory());
        housekeeping.scheduleWithFixedDelay(this::sweep, 1, Duration.ofHours(6).toMinutes(), TimeUnit.MINUTES);
        String shownHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        out.printf("Flowfile is running at http://%s:%d/?token=%s%n", shownHost.contains(":") ? "[" + shownHost + "]" : shownHost,
                actualPort, token);
        out.println("(the link logs you in as '" + admin.username() + "'; the token also works as 'Authorization: Bearer TOKEN'."
                + " Stop the server with Ctrl-C.)");
        out.flush();
        stopOnSignals();
        try {
            Quarkus.waitForExit();
        } finally {
            housekeeping.shutdownNow();
        }
        return 0;
    }

    /**
     * Ctrl-C and SIGTERM end {@link Quarkus#waitForExit()} instead of starting the JVM's shutdown
     * hooks: the application then stops in order (runs recorded as cancelled, the login link's token
     * revoked) while the catalog is open. As a shutdown hook, Quarkus' stop would race H2's own hook,
     * which closes the database file.
     */
    private static void stopOnSignals() {
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> Quarkus.asyncExit(128 + signal.getNumber()));
        }
    }

    /** The first admin; on the very first start, a new user {@code admin} with a password printed once. */
    private UserRecord admin(PrintWriter out) {
        Optional<UserRecord> existing = users.list().stream().filter(user -> user.role() == Role.ADMIN).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String name = users.find("admin").isPresent() ? "admin-" + Long.toHexString(System.nanoTime() & 0xffff) : "admin";
        UserRecord admin = users.create(name, password, Role.ADMIN);
        out.printf("Created the first user '%s' (admin) with password %s — shown once; change it with `flowfile user password %s`.%n",
                name, password, name);
        return admin;
    }

    /** Blobs nothing names any more, and sessions that have expired. */
    private void sweep() {
        try {
            sweeper.sweep();
            sessions.deleteExpired();
        } catch (RuntimeException e) {
            LOG.warnf("the housekeeping failed: %s", e.getMessage());
        }
    }
}
