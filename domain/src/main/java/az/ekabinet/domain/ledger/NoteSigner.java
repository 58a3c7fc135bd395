package az.ekabinet.domain.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs notes as C2SP {@code signed-note} defines them, with an Ed25519 key. The key is written as Go's
 * {@code golang.org/x/mod/sumdb/note} writes one ({@code PRIVATE+KEY+<name>+<key id, 8 hex digits>+<base64 of 0x01 and
 * the 32-byte seed>}), and its public half as that format's verifier key ({@link NoteVerifier}). The key id is the
 * first four bytes of SHA-256(name || 0x0A || 0x01 || public key); the note is its text, a blank line, and one line
 * {@code — <name> <base64 of key id || signature>} per signature.
 */
public final class NoteSigner {

    /** The signature algorithm byte of Ed25519 in the note formats. */
    static final byte ED25519 = 0x01;

    private static final String PREFIX = "PRIVATE+KEY+";

    private final String name;
    private final Ed25519PrivateKeyParameters key;
    private final byte[] publicKey;

    private NoteSigner(String name, byte[] seed) {
        NoteVerifier.checkName(name);
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 key is 32 bytes");
        }
        this.name = name;
        this.key = new Ed25519PrivateKeyParameters(seed, 0);
        this.publicKey = key.generatePublicKey().getEncoded();
    }

    /** A new key named {@code name} (the log's origin, usually). */
    public static NoteSigner generate(String name) {
        byte[] seed = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
        new SecureRandom().nextBytes(seed);
        return new NoteSigner(name, seed);
    }

    /** A key as {@link #signerKey()} writes it. */
    public static NoteSigner parse(String signerKey) {
        String text = signerKey.strip();
        String[] parts = text.startsWith(PREFIX) ? text.substring(PREFIX.length()).split("\\+", 3) : new String[0];
        if (parts.length != 3) {
            throw new IllegalArgumentException("a signer key reads PRIVATE+KEY+<name>+<key id>+<base64 key>");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signer key's last part is not base64", e);
        }
        if (key.length != 33 || key[0] != ED25519) {
            throw new IllegalArgumentException("the signer key is not an Ed25519 key");
        }
        NoteSigner signer = new NoteSigner(parts[0], Arrays.copyOfRange(key, 1, key.length));
        if (!parts[1].equals(HexFormat.of().formatHex(signer.keyId()))) {
            throw new IllegalArgumentException("the signer key's id does not match its name and key");
        }
        return signer;
    }

    public String name() {
        return name;
    }

    /** The private key in the format {@link #parse} reads: a secret. */
    public String signerKey() {
        byte[] key = ByteBuffer.allocate(33).put(ED25519).put(this.key.getEncoded()).array();
        return PREFIX + name + "+" + HexFormat.of().formatHex(keyId()) + "+" + Base64.getEncoder().encodeToString(key);
    }

    /** The public key as a note verifier key: {@code <name>+<key id>+<base64 of 0x01 || public key>}. */
    public String verifierKey() {
        return NoteVerifier.verifierKey(name, publicKey);
    }

    /** The note: {@code text} (which must end with a newline), a blank line and this key's signature line. */
    public String sign(String text) {
        NoteVerifier.checkText(text);
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();
        byte[] idAndSignature = ByteBuffer.allocate(4 + signature.length).put(keyId()).put(signature).array();
        return text + "\n" + NoteVerifier.SIGNATURE_PREFIX + name + " "
                + Base64.getEncoder().encodeToString(idAndSignature) + "\n";
    }

    private byte[] keyId() {
        return NoteVerifier.keyId(name, publicKey);
    }
}
