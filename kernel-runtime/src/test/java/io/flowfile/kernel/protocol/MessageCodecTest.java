package io.flowfile.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final MessageCodec sender = new MessageCodec(new HmacSigner("secret"), 16);
    private final MessageCodec receiver = new MessageCodec(new HmacSigner("secret"), 16);

    private List<byte[]> frames() {
        return sender.encode(MessageCodec.create(new Content.ExecuteRequest("print(1)", false, true, null, false, true),
                "session-1", Optional.empty()));
    }

    @Test
    void aSignedMessageRoundTrips() {
        MessageCodec.Decoded decoded = receiver.decode(frames());
        assertThat(decoded).isInstanceOfSatisfying(MessageCodec.Decoded.Accepted.class, accepted -> {
            JupyterMessage message = accepted.message();
            assertThat(message.messageType()).isEqualTo("execute_request");
            assertThat(message.header().session()).isEqualTo("session-1");
            assertThat(message.header().version()).isEqualTo("5.3");
            assertThat(message.parentHeader()).isEmpty();
            assertThat(message.content(Content.ExecuteRequest.class).code()).isEqualTo("print(1)");
            assertThat(message.content().get("store_history").asBoolean()).isTrue();
        });
    }

    @Test
    void theSignatureIsTheHmacOfTheFourParts() {
        List<byte[]> frames = frames();
        String expected = new HmacSigner("secret").sign(frames.subList(2, 6));
        assertThat(new String(frames.get(1), StandardCharsets.US_ASCII)).isEqualTo(expected).hasSize(64);
    }

    @Test
    void forgedUnsignedReplayedAndMalformedMessagesAreDroppedAndCounted() {
        MessageCodec forger = new MessageCodec(new HmacSigner("guess"), 16);
        List<byte[]> forged = forger.encode(MessageCodec.create(new Content.KernelInfoRequest(), "x", Optional.empty()));
        assertThat(receiver.decode(forged)).isEqualTo(new MessageCodec.Decoded.Rejected(Rejection.BAD_SIGNATURE,
                "signature does not match the connection key"));

        List<byte[]> unsigned = new ArrayList<>(frames());
        unsigned.set(1, new byte[0]);
        assertThat(receiver.decode(unsigned)).isInstanceOfSatisfying(MessageCodec.Decoded.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Rejection.UNSIGNED));

        List<byte[]> tampered = new ArrayList<>(frames());
        tampered.set(5, "{\"code\": \"import os; os.system('rm -rf /')\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(receiver.decode(tampered)).isInstanceOfSatisfying(MessageCodec.Decoded.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Rejection.BAD_SIGNATURE));

        List<byte[]> once = frames();
        assertThat(receiver.decode(once)).isInstanceOf(MessageCodec.Decoded.Accepted.class);
        assertThat(receiver.decode(once)).isInstanceOfSatisfying(MessageCodec.Decoded.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Rejection.REPLAYED));

        assertThat(receiver.decode(List.of("no delimiter".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(MessageCodec.Decoded.Rejected.class, rejected -> assertThat(rejected.reason()).isEqualTo(Rejection.MALFORMED));
        MessageCodec unkeyed = new MessageCodec(new HmacSigner(""), 16);
        List<byte[]> notJson = new ArrayList<>(unkeyed.encode(MessageCodec.create(new Content.KernelInfoRequest(), "x", Optional.empty())));
        notJson.set(2, "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(unkeyed.decode(notJson)).isInstanceOfSatisfying(MessageCodec.Decoded.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Rejection.MALFORMED));

        assertThat(receiver.rejections()).containsEntry(Rejection.BAD_SIGNATURE, 2L).containsEntry(Rejection.UNSIGNED, 1L)
                .containsEntry(Rejection.REPLAYED, 1L).containsEntry(Rejection.MALFORMED, 1L);
    }

    @Test
    void verificationTakesTheSameBranchWhereverTheSignatureDiffers() {
        HmacSigner signer = new HmacSigner("k");
        List<byte[]> parts = List.of("{}".getBytes(StandardCharsets.UTF_8));
        byte[] good = signer.sign(parts).getBytes(StandardCharsets.US_ASCII);
        byte[] badFirst = good.clone();
        badFirst[0] ^= 1;
        byte[] badLast = good.clone();
        badLast[badLast.length - 1] ^= 1;
        assertThat(signer.verify(good, parts)).isTrue();
        assertThat(signer.verify(badFirst, parts)).isFalse();
        assertThat(signer.verify(badLast, parts)).isFalse();
        assertThat(signer.verify("short".getBytes(StandardCharsets.US_ASCII), parts)).isFalse();
    }

    @Test
    void everyContentTypeHasAMessageType() {
        for (Class<?> type : Content.class.getPermittedSubclasses()) {
            if (type != Content.LanguageInfo.class) {
                assertThat(java.util.Arrays.stream(MessageType.values()).anyMatch(t -> t.contentType() == type)).as(type.getSimpleName()).isTrue();
            }
        }
    }
}
