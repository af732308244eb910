package io.flowfile.kernel.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Jupyter message: routing identities, header, parent header (absent for messages that answer
 * nothing), metadata, content (kept as JSON; {@link #content(Class)} reads it as a typed record)
 * and binary buffers.
 */
public record JupyterMessage(
        List<byte[]> identities,
        Header header,
        Optional<Header> parentHeader,
        Map<String, Object> metadata,
        JsonNode content,
        List<byte[]> buffers) {

    public JupyterMessage {
        identities = List.copyOf(requireNonNull(identities, "identities is null"));
        requireNonNull(header, "header is null");
        requireNonNull(parentHeader, "parentHeader is null");
        metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
        requireNonNull(content, "content is null");
        buffers = List.copyOf(requireNonNull(buffers, "buffers is null"));
    }

    public String messageType() {
        return header.messageType();
    }

    public Optional<MessageType> type() {
        return MessageType.fromWireName(header.messageType());
    }

    /** The msg_id of the request this message answers, or "" when it answers none. */
    public String parentId() {
        return parentHeader.map(Header::messageId).orElse("");
    }

    /** The content as the typed record of its message type. */
    public <T extends Content> T content(Class<T> type) {
        return MessageCodec.read(content, type);
    }
}
