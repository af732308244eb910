package io.flowfile.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The application's configuration ({@code flowfile.*}): set in {@code application.properties}, as
 * system properties ({@code -Dflowfile.server.upload-max-bytes=...}) or as environment variables
 * ({@code FLOWFILE_SERVER_UPLOAD_MAX_BYTES}). Every key is listed with its default in the README.
 */
@ConfigMapping(prefix = "flowfile")
public interface FlowfileConfig {

    /** Where the catalog (H2), the result cache, kernels' files and uploaded files live. */
    @WithName("data-dir")
    Path dataDirectory();

    /** The bcrypt cost of stored passwords (each step doubles the time a login takes). */
    @WithName("password-hash-cost")
    @WithDefault("12")
    int passwordHashCost();

    /**
     * The key users' secrets are encrypted with: 32 bytes in base64 ({@code openssl rand -base64 32});
     * default the data directory's {@code secrets.key}, made on first use. Servers sharing one database
     * need the same key.
     */
    @WithName("secrets-key")
    Optional<String> secretsKey();

    /**
     * A directory of custom node type files (YAML or JSON) the server imports at start, so a team keeps
     * its node types in git; default the data directory's {@code node-types/}.
     */
    @WithName("node-types-dir")
    Optional<Path> nodeTypesDirectory();

    /**
     * A directory of Java node type plugins (jars implementing the node SDK's NodeType, listed in their
     * META-INF/services), loaded at start; default the data directory's {@code plugins/}.
     */
    @WithName("plugins-dir")
    Optional<Path> pluginsDirectory();

    Server server();

    Scheduler scheduler();

    /** Schedules of registered flows (Quartz, clustered through the catalog's database). */
    interface Scheduler {

        /**
         * Whether this process fires schedules: {@code flowfile serve} does; the other commands set
         * it to false (Main), so a command line never fires a schedule.
         */
        @WithName("enabled")
        @WithDefault("true")
        boolean enabled();

        /** The shortest interval an interval schedule may have. */
        @WithName("min-interval")
        @WithDefault("60s")
        Duration minInterval();

        /** Quartz worker threads (they only record ticks and start runs, which run on the server's run pool). */
        @WithName("threads")
        @WithDefault("16")
        int threads();

        /**
         * Triggers due within this window after the first are taken together (one acquisition for
         * many fires); each fire still waits for its own time.
         */
        @WithName("batch-window")
        @WithDefault("100ms")
        Duration batchWindow();

        /** How often a server tells the others sharing the database that it is alive (Quartz cluster check-in). */
        @WithName("cluster-checkin-interval")
        @WithDefault("7500ms")
        Duration clusterCheckinInterval();

        /** A fire time later than this when it fires counts as missed (the missed-ticks policy decides). */
        @WithName("misfire-grace")
        @WithDefault("60s")
        Duration misfireGrace();

        /**
         * Whether a schedule's webhook may go to this machine (loopback) or a link-local address
         * ({@link io.flowfile.app.schedule.WebhookTargets}); refused by default.
         */
        @WithName("webhook-local")
        @WithDefault("false")
        boolean webhookLocal();
    }

    interface Server {

        /**
         * The directories user SQL, file nodes and the file picker may reach; default the data
         * directory's {@code files/}. Relative paths in a draft's settings resolve against the first.
         */
        @WithName("file-roots")
        Optional<List<Path>> fileRoots();

        /** The largest file an upload may write. */
        @WithName("upload-max-bytes")
        @WithDefault("1073741824")
        long uploadMaxBytes();

        /** The largest body of any other request (JSON); larger ones are refused with 413. */
        @WithName("request-max-bytes")
        @WithDefault("16777216")
        long requestMaxBytes();

        /** How long a browser login lasts. */
        @WithName("session-lifetime")
        @WithDefault("12h")
        Duration sessionLifetime();

        /**
         * How long a credential found good is taken as good without reading the catalog again (0: read it
         * for every request). One revoked on this server stops working at once; on another server or from
         * the command line, within this time.
         */
        @WithName("credential-cache")
        @WithDefault("1s")
        Duration credentialCache();

        /** Rows a preview returns when the request does not say. */
        @WithName("preview-rows")
        @WithDefault("100")
        int previewRows();

        /** The most rows a preview may ask for. */
        @WithName("preview-max-rows")
        @WithDefault("10000")
        int previewMaxRows();

        /** Events a run keeps for clients that connect late; past this the oldest output lines go first. */
        @WithName("run-events")
        @WithDefault("20000")
        int runEvents();

        /** Finished runs of drafts the server keeps in memory (their events), per server. */
        @WithName("finished-runs")
        @WithDefault("200")
        int finishedRuns();

        /**
         * How much lower the CPU priority of the threads that compute (runs, and previews not answered
         * from memory) is than that of the threads that answer requests: a Linux nice value, 0 (the
         * same) to 19. With the cores busy, an edit or a remembered preview is then answered before the
         * runs go on; on an idle machine runs go as fast as ever. Ignored where the system has no nice.
         */
        @WithName("run-nice")
        @WithDefault("10")
        int runNice();

        /** Runs that may execute at once; more wait in a queue. */
        @WithName("concurrent-runs")
        @WithDefault("4")
        int concurrentRuns();
    }
}
