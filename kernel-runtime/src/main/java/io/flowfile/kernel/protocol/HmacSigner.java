package io.flowfile.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Jupyter messages with HMAC-SHA256 over (header, parent_header, metadata, content) and
 * verifies inbound signatures in constant time. An empty key disables signing, as in the protocol;
 * the manager always generates a random key, so that only happens for clients attached by hand.
 */
public final class HmacSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;
    /** Mac instances are not thread-safe and costly to look up: one per thread, reset after each use. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public HmacSigner(String key) {
        this.key = key == null ? new byte[0] : key.getBytes(StandardCharsets.US_ASCII);
    }

    public boolean enabled() {
        return key.length > 0;
    }

    /** The lower-case hex signature of the four parts, or "" when signing is disabled. */
    public String sign(List<byte[]> parts) {
        if (!enabled()) {
            return "";
        }
        Mac mac = macs.get();
        for (byte[] part : parts) {
            mac.update(part);
        }
        return HEX.formatHex(mac.doFinal());
    }

    /** Whether the signature matches the parts; compares in time independent of where they differ. */
    public boolean verify(byte[] signature, List<byte[]> parts) {
        if (!enabled()) {
            return true;
        }
        byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }
}
