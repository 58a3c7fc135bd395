package az.ekabinet.domain.ledger.verifier;

import az.ekabinet.domain.ledger.Checkpoint;
import az.ekabinet.domain.ledger.NoteVerifier;
import az.ekabinet.domain.ledger.TreeEdge;
import az.ekabinet.domain.ledger.TreeHashes;
import az.ekabinet.domain.ledger.TreeProofs;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.wallet.LedgerLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The offline verifier of the ledger (docs/audit.md): needs neither the service nor its database, only what the
 * service publishes. Given the verifier key, it checks
 * <ul>
 *   <li>each signed checkpoint: signed by that key, for that key's origin, and no two of one size with different
 *       roots (a fork);</li>
 *   <li>an NDJSON ledger export from position 1: positions without gaps, every line's chain hash, every cabinet's
 *       running balance (never below zero), and the Merkle root at each checkpoint's size; an export shorter than a
 *       checkpoint is truncated;</li>
 *   <li>citizens' receipts: the checkpoint signed, the inclusion proof leading from the line to its root, the line
 *       the same as the export's at that position;</li>
 *   <li>consistency proofs between two checkpoints.</li>
 * </ul>
 * It prints what it checked and exits 0, or prints {@code FAILED} with the first bad position (or file) and exits 1;
 * 2 means it could not read its input.
 */
public final class LedgerVerifier {

    public static final int VERIFIED = 0;
    public static final int REJECTED = 1;
    public static final int UNUSABLE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage: config/audit/ledger verify --key <verifier key file> [--ledger <export.ndjson>]
                       [--checkpoint <note file>]... [--receipt <receipt.json>]... [--consistency <proof.json>]...""";

    /** A check that failed: where (a position, a file) and what. */
    static final class Rejected extends Exception {
        Rejected(String where, String what) {
            super(where + ": " + what);
        }
    }

    private final PrintStream out;
    private NoteVerifier key;
    private final TreeMap<Long, byte[]> roots = new TreeMap<>();
    private final Map<Long, JsonNode> exportedLines = new HashMap<>();
    private boolean keepLines;

    private LedgerVerifier(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the verifier on {@code args}; its exit code. */
    public static int run(String[] args, PrintStream out) {
        Map<String, List<Path>> files = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 == args.length || !List.of("--key", "--ledger", "--checkpoint", "--receipt", "--consistency")
                    .contains(args[i])) {
                out.println(USAGE);
                return UNUSABLE;
            }
            files.computeIfAbsent(args[i], name -> new ArrayList<>()).add(Path.of(args[i + 1]));
        }
        if (files.getOrDefault("--key", List.of()).size() != 1 || files.getOrDefault("--ledger", List.of()).size() > 1) {
            out.println(USAGE);
            return UNUSABLE;
        }
        LedgerVerifier verifier = new LedgerVerifier(out);
        try {
            verifier.verify(files);
            out.println("VERIFIED");
            return VERIFIED;
        } catch (Rejected e) {
            out.println("FAILED at " + e.getMessage());
            return REJECTED;
        } catch (IOException | RuntimeException e) {
            out.println("UNUSABLE INPUT: " + e.getMessage());
            return UNUSABLE;
        }
    }

    private void verify(Map<String, List<Path>> files) throws IOException, Rejected {
        Path keyFile = files.get("--key").get(0);
        try {
            key = NoteVerifier.parse(Files.readString(keyFile));
        } catch (IllegalArgumentException e) {
            throw new Rejected("key " + keyFile, e.getMessage());
        }
        out.println("key: " + key.name());
        for (Path checkpoint : files.getOrDefault("--checkpoint", List.of())) {
            Checkpoint read = checkpoint("checkpoint " + checkpoint, Files.readString(checkpoint, StandardCharsets.UTF_8));
            out.println("checkpoint " + checkpoint + ": tree size " + read.size() + ", signed by " + key.name());
        }
        List<Receipt> receipts = new ArrayList<>();
        for (Path receipt : files.getOrDefault("--receipt", List.of())) {
            receipts.add(receipt(receipt)); // their checkpoints first: the export's tree must meet them too
        }
        keepLines = !receipts.isEmpty();
        List<Path> ledger = files.getOrDefault("--ledger", List.of());
        if (!ledger.isEmpty()) {
            ledger(ledger.get(0));
        }
        for (Receipt receipt : receipts) {
            included(receipt);
        }
        for (Path proof : files.getOrDefault("--consistency", List.of())) {
            consistency(proof);
        }
    }

    /** A signed checkpoint opened with the key, for its origin, and no fork of one already seen. */
    private Checkpoint checkpoint(String where, String note) throws Rejected {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(key.open(note));
        } catch (IllegalArgumentException e) {
            throw new Rejected(where, e.getMessage());
        }
        if (!checkpoint.origin().equals(key.name())) {
            throw new Rejected(where, "a checkpoint for another origin (" + checkpoint.origin() + ")");
        }
        byte[] seen = roots.putIfAbsent(checkpoint.size(), checkpoint.rootHash());
        if (seen != null && !Arrays.equals(seen, checkpoint.rootHash())) {
            throw new Rejected(where, "a fork: two signed checkpoints of tree size " + checkpoint.size()
                    + " with different roots");
        }
        return checkpoint;
    }

    private void ledger(Path export) throws IOException, Rejected {
        TreeEdge tree = TreeEdge.empty();
        Map<String, Long> balances = new HashMap<>();
        String previousHash = LedgerLine.GENESIS_HASH;
        long position = 0;
        long checkedRoots = 0;
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (text.isBlank()) {
                    continue;
                }
                position++;
                String where = "position " + position;
                JsonNode json = JSON.readTree(text);
                LedgerLine line = line(where, json);
                if (line.position() != position) {
                    throw new Rejected(where, "the export has line " + line.position() + " here (a line missing, or "
                            + "lines out of order)");
                }
                String hash = json.path("hash").asText();
                if (!line.hash(previousHash).equals(hash)) {
                    throw new Rejected(where, "the line's hash does not match its fields and the hash before it "
                            + "(the line was altered)");
                }
                long before = balances.getOrDefault(line.cabinetNumber(), 0L);
                long after = line.type() == LedgerLine.Type.CREDIT ? before + line.amountQepik()
                        : before - line.amountQepik();
                if (after < 0) {
                    throw new Rejected(where, "cabinet " + line.cabinetNumber() + " would go below zero ("
                            + Money.wire(after) + ")");
                }
                if (after != line.balanceAfterQepik()) {
                    throw new Rejected(where, "cabinet " + line.cabinetNumber() + " should hold " + Money.wire(after)
                            + " after this line, the line says " + line.balanceAfter());
                }
                balances.put(line.cabinetNumber(), after);
                tree.append(TreeHashes.leaf(line.leafBytes(hash)), (node, nodeHash) -> { });
                byte[] signed = roots.get(position);
                if (signed != null) {
                    if (!Arrays.equals(signed, tree.root())) {
                        throw new Rejected(where, "the Merkle root of the first " + position + " lines is not the "
                                + "signed checkpoint's");
                    }
                    checkedRoots++;
                }
                if (keepLines) {
                    exportedLines.put(position, json);
                }
                previousHash = hash;
            }
        }
        if (!roots.isEmpty() && roots.lastKey() > position) {
            throw new Rejected("position " + (position + 1), "the export ends after " + position + " lines, but a "
                    + "checkpoint signs " + roots.lastKey() + " (the export is truncated)");
        }
        out.println("ledger " + export + ": " + position + " lines, chain and balances of " + balances.size()
                + " cabinets verified, Merkle root matches " + checkedRoots + " checkpoint(s)");
    }

    /** A receipt read, its checkpoint opened. */
    private record Receipt(String where, JsonNode json, LedgerLine line, Checkpoint checkpoint, JsonNode proof) {
    }

    private Receipt receipt(Path file) throws IOException, Rejected {
        JsonNode receipt = JSON.readTree(file.toFile());
        JsonNode json = receipt.path("line");
        String where = "receipt " + file + " (position " + json.path("position").asLong() + ")";
        LedgerLine line = line(where, json);
        if (receipt.path("checkpoint").isMissingNode() || receipt.path("checkpoint").isNull()) {
            throw new Rejected(where, "no checkpoint covers this line yet: ask for the receipt again later");
        }
        if (receipt.path("leafIndex").asLong(-1) != line.position() - 1) {
            throw new Rejected(where, "the proof is for leaf " + receipt.path("leafIndex").asLong(-1)
                    + ", not for this line's (" + (line.position() - 1) + ")");
        }
        return new Receipt(where, json, line, checkpoint(where, receipt.path("checkpoint").asText()),
                receipt.path("inclusionProof"));
    }

    private void included(Receipt receipt) throws Rejected {
        LedgerLine line = receipt.line();
        try {
            TreeProofs.verifyInclusion(line.position() - 1, receipt.checkpoint().size(),
                    TreeHashes.leaf(line.leafBytes(receipt.json().path("hash").asText())), hashes(receipt.proof()),
                    receipt.checkpoint().rootHash());
        } catch (TreeProofs.ProofFailure e) {
            throw new Rejected(receipt.where(), e.getMessage());
        }
        if (!exportedLines.isEmpty() && !receipt.json().equals(exportedLines.get(line.position()))) {
            throw new Rejected(receipt.where(), "the export's line at this position is not the receipt's");
        }
        out.println(receipt.where() + ": included in the signed tree of " + receipt.checkpoint().size() + " lines");
    }

    private void consistency(Path file) throws IOException, Rejected {
        JsonNode proof = JSON.readTree(file.toFile());
        long from = proof.path("from").asLong();
        long to = proof.path("to").asLong();
        String where = "consistency proof " + file + " (" + from + " → " + to + ")";
        if (!roots.containsKey(from) || !roots.containsKey(to)) {
            throw new Rejected(where, "give the signed checkpoints of both sizes");
        }
        try {
            TreeProofs.verifyConsistency(from, to, roots.get(from), roots.get(to), hashes(proof.path("hashes")));
        } catch (TreeProofs.ProofFailure e) {
            throw new Rejected(where, e.getMessage());
        }
        out.println(where + ": the larger tree extends the smaller");
    }

    /** A line of the export (or of a receipt) with its amounts read strictly as the wire writes them. */
    private static LedgerLine line(String where, JsonNode json) throws Rejected {
        try {
            return new LedgerLine(json.path("position").asLong(), text(json, "cabinetNumber"),
                    LedgerLine.Type.valueOf(text(json, "type")), qepik(text(json, "amount")),
                    qepik(text(json, "balanceAfter")), text(json, "cause"), text(json, "occurredAt"));
        } catch (IllegalArgumentException e) {
            throw new Rejected(where, "not a ledger line: " + e.getMessage());
        }
    }

    private static String text(JsonNode json, String field) {
        if (!json.path(field).isTextual()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return json.path(field).asText();
    }

    /** "50.00" as 5000 qəpik; any other form of a number is refused (the hash is over this exact text). */
    private static long qepik(String amount) {
        if (!amount.matches("(0|[1-9][0-9]{0,15})\\.[0-9]{2}")) {
            throw new IllegalArgumentException("an amount reads like 50.00: " + amount);
        }
        return Long.parseLong(amount.replace(".", ""));
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asText())));
        return hashes;
    }
}
