package io.flowfile.kernel.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.UUID;

/**
 * How a client talks to one kernel.
 *
 * @param session           the session id; also the DEALER identity of shell, control and stdin
 * @param replayWindow      how many recent signatures are remembered to reject replays
 * @param heartbeatInterval time between heartbeat pings
 * @param heartbeatTimeout  how long one ping may go unanswered
 * @param heartbeatMisses   consecutive unanswered pings before the kernel counts as lost
 */
public record ClientOptions(String session, int replayWindow, Duration heartbeatInterval,
                            Duration heartbeatTimeout, int heartbeatMisses) {

    public ClientOptions {
        requireNonNull(session, "session is null");
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        requireNonNull(heartbeatTimeout, "heartbeatTimeout is null");
        if (replayWindow < 1 || heartbeatMisses < 1) {
            throw new IllegalArgumentException("replayWindow and heartbeatMisses must be at least 1");
        }
    }

    public static ClientOptions defaults() {
        return new ClientOptions(UUID.randomUUID().toString(), 65_536, Duration.ofSeconds(2), Duration.ofSeconds(3), 3);
    }

    public ClientOptions withHeartbeat(Duration interval, Duration timeout, int misses) {
        return new ClientOptions(session, replayWindow, interval, timeout, misses);
    }
}
