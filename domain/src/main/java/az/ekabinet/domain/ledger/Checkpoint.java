package az.ekabinet.domain.ledger;

import java.util.Base64;

/**
 * A checkpoint of the ledger's Merkle tree in the C2SP {@code tlog-checkpoint} format: the origin line (which log),
 * the tree size in decimal, the root hash in standard base64, each ending with a newline. It is signed as the text
 * of a C2SP signed note ({@link NoteSigner}).
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint's origin is one non-empty line");
        }
        if (size < 0 || rootHash == null || rootHash.length != TreeHashes.SIZE) {
            throw new IllegalArgumentException("a checkpoint needs a size ≥ 0 and a 32-byte root hash");
        }
        rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The checkpoint's text, the body of its signed note. */
    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** A checkpoint's text (the first three lines; extension lines after them are allowed and ignored). */
    public static Checkpoint parse(String body) {
        String[] lines = body.split("\n", -1);
        if (lines.length < 4 || !body.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint has an origin, a size and a root hash, each on its line");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("a checkpoint's size is a decimal number: " + lines[1]);
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a checkpoint's root hash is base64: " + lines[2], e);
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
    }
}
