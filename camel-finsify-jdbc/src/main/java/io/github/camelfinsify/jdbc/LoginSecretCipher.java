package io.github.camelfinsify.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts login secrets for storage with AES-256-GCM (the JDK's provider). A stored value is the Base64 text of
 * {@code format byte (1) | 96-bit random IV | ciphertext | 128-bit tag}. The login id is the associated data, so a
 * value copied to another login's row fails to decrypt instead of handing out the wrong login's secret.
 * <p>
 * Messages of the exceptions it throws name the login, never the key, the secret or the stored value.
 */
final class LoginSecretCipher {

    static final int KEY_BYTES = 32;
    private static final byte FORMAT = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    /** Cipher.getInstance looks the provider up on each call: each thread keeps its own, initialised per value. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(LoginSecretCipher::newCipher);

    private LoginSecretCipher(SecretKey key) {
        this.key = key;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK offers no " + TRANSFORMATION + ": " + e.getMessage(), e);
        }
    }

    /** A cipher with the key given as Base64 text of 32 bytes. */
    static LoginSecretCipher fromBase64Key(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("The login secret key is missing: give 32 random bytes as Base64 text");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            // no cause: the decoder's message quotes a character of the key
            throw new IllegalArgumentException("The login secret key is not Base64 text");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("The login secret key must be " + KEY_BYTES + " bytes (256 bits) as "
                                               + "Base64 text; the one given decodes to " + bytes.length + " bytes");
        }
        return new LoginSecretCipher(new SecretKeySpec(bytes, "AES"));
    }

    /** A new random key, as Base64 text. */
    static String newBase64Key() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    String encrypt(long loginId, String secret) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(loginId));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(FORMAT).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt the secret of login " + loginId + ": " + e.getMessage(), e);
        }
    }

    String decrypt(long loginId, String stored, String table) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new LoginSecretDecryptionException(loginId, "The stored secret of login " + loginId + " in " + table
                                                              + " is not an encrypted value (not Base64)");
        }
        if (bytes.length < 1 + IV_BYTES + TAG_BITS / 8 || bytes[0] != FORMAT) {
            throw new LoginSecretDecryptionException(loginId, "The stored secret of login " + loginId + " in " + table
                                                              + " is not an encrypted value of a known format");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, IV_BYTES));
            cipher.updateAAD(associatedData(loginId));
            byte[] secret = cipher.doFinal(bytes, 1 + IV_BYTES, bytes.length - 1 - IV_BYTES);
            return new String(secret, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new LoginSecretDecryptionException(loginId, "Cannot decrypt the secret of login " + loginId + " in "
                                                              + table + ": the login secret key is not the one it was "
                                                              + "encrypted with, or the stored value was changed or "
                                                              + "copied from another login");
        } catch (GeneralSecurityException e) {
            throw new LoginSecretDecryptionException(loginId, "Cannot decrypt the secret of login " + loginId + " in "
                                                              + table + ": " + e.getClass().getSimpleName());
        }
    }

    private static byte[] associatedData(long loginId) {
        return ByteBuffer.allocate(Long.BYTES).putLong(loginId).array();
    }

    @Override
    public String toString() {
        return "LoginSecretCipher[AES-256-GCM]";
    }
}
