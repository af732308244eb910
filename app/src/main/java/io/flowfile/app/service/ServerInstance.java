package io.flowfile.app.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * This server's instance in the cluster of servers sharing the catalog: its scheduler's (Quartz)
 * instance id, known once the scheduler started and checked in. The runs it starts carry it, so
 * that when it dies another server (or itself, started again) ends them as failed. A server without
 * a scheduler, and the command line, have none.
 */
@ApplicationScoped
public class ServerInstance {

    private volatile String id;

    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** The scheduler started as cluster instance {@code instanceId} (null: it stopped). */
    public void joined(String instanceId) {
        id = instanceId;
    }
}
