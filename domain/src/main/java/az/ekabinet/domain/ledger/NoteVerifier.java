package az.ekabinet.domain.ledger;

import az.ekabinet.domain.shared.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks C2SP signed notes against one Ed25519 verifier key, written as {@code <name>+<key id, 8 hex
 * digits>+<base64 of 0x01 || 32-byte public key>} (the format of Go's {@code golang.org/x/mod/sumdb/note}). A note
 * opens when one of its signature lines is this key's (same name and key id) and verifies; other keys' lines are
 * ignored, as the format asks.
 */
public final class NoteVerifier {

    /** How a signature line starts: an em dash and a space. */
    static final String SIGNATURE_PREFIX = "\u2014 ";

    private final String name;
    private final byte[] publicKey;
    private final byte[] keyId;

    private NoteVerifier(String name, byte[] publicKey) {
        this.name = name;
        this.publicKey = publicKey;
        this.keyId = keyId(name, publicKey);
    }

    /** A verifier key as {@link NoteSigner#verifierKey()} writes it. */
    public static NoteVerifier parse(String verifierKey) {
        String[] parts = verifierKey.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a verifier key reads <name>+<key id>+<base64 key>");
        }
        checkName(parts[0]);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the verifier key's last part is not base64", e);
        }
        if (key.length != 33 || key[0] != NoteSigner.ED25519) {
            throw new IllegalArgumentException("the verifier key is not an Ed25519 key");
        }
        NoteVerifier verifier = new NoteVerifier(parts[0], Arrays.copyOfRange(key, 1, key.length));
        if (!parts[1].equals(HexFormat.of().formatHex(verifier.keyId))) {
            throw new IllegalArgumentException("the verifier key's id does not match its name and key");
        }
        return verifier;
    }

    public String name() {
        return name;
    }

    /**
     * The text of {@code note} if this key signed it.
     *
     * @throws IllegalArgumentException if the note is malformed, carries no signature of this key, or the signature
     *                                  does not verify
     */
    public String open(String note) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("a signed note is its text, a blank line and its signature lines");
        }
        String text = note.substring(0, split + 1);
        checkText(text);
        boolean signedByAnother = false;
        for (String line : note.substring(split + 2, note.length() - 1).split("\n", -1)) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                throw new IllegalArgumentException("a note's signature line starts with an em dash: " + line);
            }
            String[] nameAndSignature = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
            if (nameAndSignature.length != 2) {
                throw new IllegalArgumentException("a note's signature line is the key's name and the signature");
            }
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(nameAndSignature[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a note's signature is not base64", e);
            }
            if (signature.length < 4) {
                throw new IllegalArgumentException("a note's signature is too short");
            }
            if (!nameAndSignature[0].equals(name) || !Arrays.equals(keyId, Arrays.copyOf(signature, 4))) {
                signedByAnother = true;
                continue;
            }
            if (verifies(text, Arrays.copyOfRange(signature, 4, signature.length))) {
                return text;
            }
            throw new IllegalArgumentException("the note's signature by " + name + " does not verify");
        }
        throw new IllegalArgumentException(signedByAnother ? "the note is not signed by " + name + " (another key signed it)"
                : "the note carries no signature");
    }

    private boolean verifies(String text, byte[] signature) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    static String verifierKey(String name, byte[] publicKey) {
        byte[] key = ByteBuffer.allocate(33).put(NoteSigner.ED25519).put(publicKey).array();
        return name + "+" + HexFormat.of().formatHex(keyId(name, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(key);
    }

    /** The first four bytes of SHA-256(name || 0x0A || 0x01 || public key). */
    static byte[] keyId(String name, byte[] publicKey) {
        byte[] hash = Sha256.of(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', NoteSigner.ED25519},
                publicKey);
        return Arrays.copyOf(hash, 4);
    }

    /** A key's name: not empty, no spaces, no '+'. */
    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '+')) {
            throw new IllegalArgumentException("a key's name is not empty and has neither spaces nor '+'");
        }
    }

    /** A note's text: ends with a newline, no other control characters. */
    static void checkText(String text) {
        if (text.isEmpty() || !text.endsWith("\n")
                || text.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c))) {
            throw new IllegalArgumentException("a note's text ends with a newline and has no other control character");
        }
    }
}
