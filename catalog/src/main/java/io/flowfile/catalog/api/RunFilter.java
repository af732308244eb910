package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Which runs of the history to list (every run when all are empty).
 *
 * @param flow      only the runs of this flow (by name)
 * @param state     only runs in this state
 * @param trigger   only runs started this way
 * @param since     only runs queued at or after this instant
 * @param until     only runs queued before this instant
 * @param startedBy only runs this user started (runs nobody is known to have started are then left out)
 */
public record RunFilter(Optional<String> flow, Optional<RunState> state, Optional<RunTrigger> trigger, Optional<Instant> since,
                        Optional<Instant> until, Optional<String> startedBy) {

    public static final RunFilter ALL = new RunFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public RunFilter {
        requireNonNull(flow, "flow is null");
        requireNonNull(state, "state is null");
        requireNonNull(trigger, "trigger is null");
        requireNonNull(since, "since is null");
        requireNonNull(until, "until is null");
        requireNonNull(startedBy, "startedBy is null");
    }
}
