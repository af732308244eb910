package io.flowfile.catalog.user;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.flowfile.catalog.internal.Sha256;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Random secrets (tokens, sessions, CSRF tokens) and the SHA-256 under which the catalog keeps them. */
final class Secrets {

    /** 32 random bytes as URL-safe base64 without padding. */
    static final Pattern RANDOM_PART = Pattern.compile("[A-Za-z0-9_-]{43}");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    /** 32 random bytes (256 bits) as 43 characters of URL-safe base64. */
    static String random() {
        return BASE64.encodeToString(randomBytes(32));
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** What the catalog stores instead of the secret. */
    static String sha256(String secret) {
        return Sha256.of(secret.getBytes(UTF_8));
    }
}
