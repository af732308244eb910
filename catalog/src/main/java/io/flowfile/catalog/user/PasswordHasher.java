package io.flowfile.catalog.user;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.flowfile.catalog.internal.Sha256;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Password hashes: bcrypt (BouncyCastle's OpenBSDBCrypt, {@code $2y$}) with a random 16-byte salt and
 * the configured cost. bcrypt reads at most 72 bytes, so it hashes the password's SHA-256 in base64
 * (44 characters): every character of a long password counts.
 */
final class PasswordHasher {

    private final int cost;
    /**
     * What a login of a user that does not exist is checked against, so that it costs a real check;
     * made on first use (a slow hash: a command that never checks a password must not wait for it).
     */
    private volatile String absentUserHash;

    PasswordHasher(int cost) {
        this.cost = cost;
    }

    String hash(String password) {
        return OpenBSDBCrypt.generate(prehash(password), Secrets.randomBytes(16), cost);
    }

    /** Whether {@code password} is the one {@code hash} was made from (bcrypt compares in constant time). */
    boolean matches(String hash, String password) {
        return OpenBSDBCrypt.checkPassword(hash, prehash(password));
    }

    /** The work of {@link #matches} for a user that does not exist; never matches. */
    void matchNone(String password) {
        String dummy = absentUserHash;
        if (dummy == null) {
            dummy = hash(Secrets.random());
            absentUserHash = dummy;
        }
        OpenBSDBCrypt.checkPassword(dummy, prehash(password));
    }

    private static char[] prehash(String password) {
        return Base64.getEncoder().encodeToString(Sha256.newDigest().digest(password.getBytes(UTF_8))).toCharArray();
    }
}
