package io.flowfile.kernel.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Frames ⇄ messages: {@code [identities..., <IDS|MSG>, signature, header, parent_header, metadata,
 * content, buffers...]}. Outbound messages are signed; inbound ones are verified (constant time),
 * checked for replay against a window of recent signatures, and parsed. A message that fails any
 * check is dropped and counted by {@link Rejection}; the caller never sees it.
 *
 * <p>Not thread-safe for decoding (the replay window); one codec per reading thread.
 */
public final class MessageCodec {

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** A decoded frame list: the message, or why it was dropped. */
    public sealed interface Decoded {
        record Accepted(JupyterMessage message) implements Decoded {}

        record Rejected(Rejection reason, String detail) implements Decoded {}
    }

    private final HmacSigner signer;
    private final Map<String, Boolean> recentSignatures;
    private final Map<Rejection, AtomicLong> rejected = new EnumMap<>(Rejection.class);

    public MessageCodec(HmacSigner signer, int replayWindow) {
        this.signer = signer;
        this.recentSignatures = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > replayWindow;
            }
        };
        for (Rejection reason : Rejection.values()) {
            rejected.put(reason, new AtomicLong());
        }
    }

    /** A new message answering {@code parent} (or none), ready to encode. */
    public static JupyterMessage create(Content content, String session, Optional<Header> parent) {
        MessageType type = MessageType.of(content);
        return new JupyterMessage(List.of(), Header.create(type.wireName(), session, "flowfile"), parent,
                Map.of(), JSON.valueToTree(content), List.of());
    }

    public List<byte[]> encode(JupyterMessage message) {
        List<byte[]> parts = List.of(
                json(message.header()),
                message.parentHeader().map(MessageCodec::json).orElse("{}".getBytes(StandardCharsets.UTF_8)),
                json(message.metadata()),
                json(message.content()));
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(parts).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(parts);
        frames.addAll(message.buffers());
        return frames;
    }

    public Decoded decode(List<byte[]> frames) {
        int delimiter = indexOfDelimiter(frames);
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            return reject(Rejection.MALFORMED, "no <IDS|MSG> delimiter followed by five frames");
        }
        byte[] signature = frames.get(delimiter + 1);
        List<byte[]> parts = frames.subList(delimiter + 2, delimiter + 6);
        if (signer.enabled()) {
            if (signature.length == 0) {
                return reject(Rejection.UNSIGNED, "message carries no signature");
            }
            if (!signer.verify(signature, parts)) {
                return reject(Rejection.BAD_SIGNATURE, "signature does not match the connection key");
            }
            String digest = new String(signature, StandardCharsets.US_ASCII);
            if (recentSignatures.putIfAbsent(digest, Boolean.TRUE) != null) {
                return reject(Rejection.REPLAYED, "signature " + digest.substring(0, Math.min(12, digest.length())) + "... seen before");
            }
        }
        try {
            Header header = JSON.readValue(parts.get(0), Header.class);
            JsonNode parentNode = JSON.readTree(parts.get(1));
            Optional<Header> parent = parentNode instanceof ObjectNode object && object.has("msg_id")
                    ? Optional.of(JSON.treeToValue(object, Header.class)) : Optional.empty();
            Map<String, Object> metadata = JSON.readValue(parts.get(2), MAP);
            JsonNode content = JSON.readTree(parts.get(3));
            if (!(content instanceof ObjectNode)) {
                return reject(Rejection.MALFORMED, "content is not a JSON object");
            }
            return new Decoded.Accepted(new JupyterMessage(
                    frames.subList(0, delimiter), header, parent, metadata == null ? Map.of() : metadata,
                    content, frames.subList(delimiter + 6, frames.size())));
        } catch (IOException | RuntimeException e) {
            return reject(Rejection.MALFORMED, "unreadable header or content: " + e.getMessage());
        }
    }

    /** How many inbound messages were dropped, by reason. */
    public Map<Rejection, Long> rejections() {
        Map<Rejection, Long> counts = new EnumMap<>(Rejection.class);
        rejected.forEach((reason, count) -> counts.put(reason, count.get()));
        return counts;
    }

    static <T> T read(JsonNode content, Class<T> type) {
        try {
            return JSON.treeToValue(content, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("content is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private Decoded reject(Rejection reason, String detail) {
        rejected.get(reason).incrementAndGet();
        return new Decoded.Rejected(reason, detail);
    }

    private static int indexOfDelimiter(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write message part as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
