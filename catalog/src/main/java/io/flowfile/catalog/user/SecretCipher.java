package io.flowfile.catalog.user;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.CatalogSettings;
import io.flowfile.catalog.internal.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts users' secrets with AES-256-GCM under the server's secrets key: the configured one, or the
 * data directory's {@code secrets.key} (32 random bytes in base64, made on first use, readable by the
 * server's user only). Each value is bound to its user and name (the GCM associated data), so a row
 * copied to another user or name does not open. A value carries the id of the key that sealed it, so
 * a server with another key says so instead of failing vaguely.
 */
@ApplicationScoped
public class SecretCipher {

    /** A sealed value: base64 of the 12-byte nonce and the ciphertext with its tag, and the key's id. */
    record Sealed(String ciphertext, String keyId) {
    }

    static final String KEY_FILE = "secrets.key";
    private static final String ALGORITHM = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final CatalogSettings settings;
    private volatile Key key;

    private record Key(SecretKey secret, String id) {
    }

    public SecretCipher(CatalogSettings settings) {
        this.settings = settings;
    }

    Sealed seal(UUID userId, String name, String value) {
        Key current = key();
        byte[] nonce = Secrets.randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.ENCRYPT_MODE, current.secret(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated(userId, name));
            byte[] sealed = cipher.doFinal(value.getBytes(UTF_8));
            return new Sealed(Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()),
                    current.id());
        } catch (GeneralSecurityException e) {
            throw new CatalogException(CatalogErrorCode.INTERNAL, "secret '" + name + "' could not be encrypted: " + e.getMessage(), e);
        }
    }

    String open(UUID userId, String name, Sealed sealed) {
        Key current = key();
        if (!current.id().equals(sealed.keyId())) {
            throw mismatch(name, sealed.keyId(), current.id());
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        try {
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.DECRYPT_MODE, current.secret(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associated(userId, name));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), UTF_8);
        } catch (AEADBadTagException e) {
            throw new CatalogException(CatalogErrorCode.SECRET_KEY_MISMATCH, "secret '" + name
                    + "' does not open: it was changed in the database or belongs to another user or name; set it again");
        } catch (GeneralSecurityException e) {
            throw new CatalogException(CatalogErrorCode.INTERNAL, "secret '" + name + "' could not be decrypted: " + e.getMessage(), e);
        }
    }

    private static CatalogException mismatch(String name, String sealedWith, String current) {
        return new CatalogException(CatalogErrorCode.SECRET_KEY_MISMATCH, "secret '" + name + "' was encrypted with secrets key "
                + sealedWith + ", and this server's key is " + current + ": give every server on this database the same key "
                + "(flowfile.secrets-key, or the same " + KEY_FILE + " in each data directory), or set the secret again");
    }

    private static byte[] associated(UUID userId, String name) {
        return ("flowfile-secret\n" + userId + "\n" + name).getBytes(UTF_8);
    }

    private Key key() {
        Key known = key;
        if (known == null) {
            synchronized (this) {
                known = key;
                if (known == null) {
                    known = key = load();
                }
            }
        }
        return known;
    }

    private Key load() {
        String configured = settings.secretsKey();
        String where = "flowfile.secrets-key";
        if (configured == null) {
            Path file = settings.dataDirectory().resolve(KEY_FILE);
            where = file.toString();
            configured = readOrCreate(file);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new CatalogException(CatalogErrorCode.INVALID_ARGUMENT, "the secrets key (" + where + ") is not base64: " + e.getMessage());
        }
        if (bytes.length != 32) {
            throw new CatalogException(CatalogErrorCode.INVALID_ARGUMENT, "the secrets key (" + where + ") must be 32 bytes in base64 "
                    + "(e.g. the output of 'openssl rand -base64 32'), was " + bytes.length + " bytes");
        }
        return new Key(new SecretKeySpec(bytes, "AES"), Sha256.of(bytes).substring(0, 16));
    }

    private static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                // written whole under a temporary name, then linked to its name: a server starting beside
                // this one reads either no file or the whole key, and the first link wins
                Path written = Files.createTempFile(file.getParent(), ".secrets-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(written, Base64.getEncoder().encodeToString(Secrets.randomBytes(32)) + "\n");
                    Files.createLink(file, written);
                } catch (FileAlreadyExistsException madeMeanwhile) {
                    // another server on this data directory made it first: read that one
                } finally {
                    Files.deleteIfExists(written);
                }
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new CatalogException(CatalogErrorCode.STORAGE_ERROR, "the secrets key " + file + " could not be read or made: " + e.getMessage(), e);
        }
    }
}
