package io.flowfile.kernel.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** A message header (protocol 5.3). */
public record Header(
        @JsonProperty("msg_id") String messageId,
        @JsonProperty("session") String session,
        @JsonProperty("username") String username,
        @JsonProperty("date") String date,
        @JsonProperty("msg_type") String messageType,
        @JsonProperty("version") String version) {

    public static final String PROTOCOL_VERSION = "5.3";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    public Header {
        requireNonNull(messageId, "msg_id is null");
        requireNonNull(messageType, "msg_type is null");
        session = session == null ? "" : session;
        username = username == null ? "" : username;
        date = date == null ? "" : date;
        version = version == null ? PROTOCOL_VERSION : version;
    }

    public static Header create(String messageType, String session, String username) {
        return new Header(UUID.randomUUID().toString(), session, username,
                OffsetDateTime.now(ZoneOffset.UTC).format(DATE), messageType, PROTOCOL_VERSION);
    }
}
