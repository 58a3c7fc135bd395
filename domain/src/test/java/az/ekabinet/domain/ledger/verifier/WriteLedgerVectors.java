package az.ekabinet.domain.ledger.verifier;

import az.ekabinet.domain.ledger.Checkpoint;
import az.ekabinet.domain.ledger.NoteSigner;
import az.ekabinet.domain.ledger.TreeEdge;
import az.ekabinet.domain.ledger.TreeHashes;
import az.ekabinet.domain.ledger.TreeNode;
import az.ekabinet.domain.ledger.TreeProofs;
import az.ekabinet.domain.wallet.LedgerLine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the verifier's test vectors ({@code src/test/resources/ledger-vectors}, described in docs/audit.md): a
 * ledger of 40 lines of three cabinets, checkpoints of 16, 33 and 40 lines signed with a test key, two receipts, two
 * consistency proofs, and the adversarial variants. Run once by hand when the formats change (the files are kept in
 * the repository so that other implementations can use them):
 * {@code java -cp <domain's test class path> az.ekabinet.domain.ledger.verifier.WriteLedgerVectors <directory>}.
 */
public final class WriteLedgerVectors {

    static final String ORIGIN = "ekabinet.example/ledger";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WriteLedgerVectors() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Path keyFile = dir.resolve("test-signer.key");
        NoteSigner signer = Files.exists(keyFile) ? NoteSigner.parse(Files.readString(keyFile))
                : NoteSigner.generate(ORIGIN);
        write(dir, "test-signer.key", signer.signerKey() + "\n");
        write(dir, "ledger.vkey", signer.verifierKey() + "\n");

        List<ObjectNode> lines = lines();
        write(dir, "ledger.ndjson", ndjson(lines));
        Map<TreeNode, byte[]> nodes = new HashMap<>();
        TreeEdge tree = TreeEdge.empty();
        Map<Integer, byte[]> roots = new HashMap<>();
        for (ObjectNode line : lines) {
            tree.append(TreeHashes.leaf(leafBytes(line)), nodes::put);
            roots.put((int) tree.size(), tree.root());
        }
        for (int size : new int[] {16, 33, 40}) {
            write(dir, "checkpoint-" + size + ".txt", signer.sign(new Checkpoint(ORIGIN, size, roots.get(size)).body()));
        }
        write(dir, "receipt-5.json", receipt(lines.get(4), 16, signer, roots, nodes));
        write(dir, "receipt-37.json", receipt(lines.get(36), 40, signer, roots, nodes));
        write(dir, "consistency-16-40.json", consistency(16, 40, nodes));
        write(dir, "consistency-33-40.json", consistency(33, 40, nodes));

        // the adversarial variants: each one thing wrong
        List<ObjectNode> altered = copy(lines);
        altered.get(6).put("amount", "70.00");
        write(dir, "bad-altered-amount.ndjson", ndjson(altered));
        List<ObjectNode> reordered = copy(lines);
        reordered.set(9, lines.get(10));
        reordered.set(10, lines.get(9));
        write(dir, "bad-reordered-pair.ndjson", ndjson(reordered));
        write(dir, "bad-truncated.ndjson", ndjson(lines.subList(0, 35)));
        List<ObjectNode> removed = copy(lines);
        removed.remove(19);
        write(dir, "bad-line-removed.ndjson", ndjson(removed));
        byte[] forkedRoot = roots.get(39);
        write(dir, "bad-checkpoint-40-fork.txt", signer.sign(new Checkpoint(ORIGIN, 40, forkedRoot).body()));
        write(dir, "bad-checkpoint-40-other-key.txt",
                NoteSigner.generate(ORIGIN).sign(new Checkpoint(ORIGIN, 40, roots.get(40)).body()));
        write(dir, "bad-checkpoint-40-other-origin.txt",
                signer.sign(new Checkpoint("someone.else/ledger", 40, roots.get(40)).body()));
        ObjectNode otherPosition = (ObjectNode) JSON.readTree(receipt(lines.get(5), 16, signer, roots, nodes));
        otherPosition.set("line", lines.get(4));
        write(dir, "bad-receipt-proof-for-another-position.json", JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(otherPosition) + "\n");
    }

    /** Forty lines of three cabinets: credits by payment code, then fees and transfers, balances never below 0. */
    private static List<ObjectNode> lines() {
        String[] cabinets = {"100000017", "100000025", "100000033"};
        long[] balances = new long[3];
        List<ObjectNode> lines = new ArrayList<>();
        String previous = LedgerLine.GENESIS_HASH;
        Instant time = Instant.parse("2026-03-01T08:00:00.123456Z");
        for (int position = 1; position <= 40; position++) {
            int cabinet = position % 3;
            boolean credit = position <= 6 || position % 4 != 0;
            long amount = credit ? 1_000 * (position % 7 + 1) + 50 : Math.min(balances[cabinet], 5_000);
            balances[cabinet] += credit ? amount : -amount;
            String cause = credit ? "PAYMENT_CODE:P" + (700_000 + position) : "EXAM_FEE:" + (100_000 + position);
            LedgerLine line = new LedgerLine(position, cabinets[cabinet], credit ? LedgerLine.Type.CREDIT
                    : LedgerLine.Type.DEBIT, amount, balances[cabinet], cause,
                    LedgerLine.timeText(time.plusSeconds(97L * position)));
            String hash = line.hash(previous);
            ObjectNode json = JSON.createObjectNode();
            json.put("position", position).put("cabinetNumber", line.cabinetNumber()).put("type", line.type().name())
                    .put("amount", line.amount()).put("balanceAfter", line.balanceAfter()).put("cause", cause)
                    .put("occurredAt", line.occurredAt()).put("hash", hash);
            lines.add(json);
            previous = hash;
        }
        return lines;
    }

    private static byte[] leafBytes(ObjectNode line) {
        return new LedgerLine(line.get("position").asLong(), line.get("cabinetNumber").asText(),
                LedgerLine.Type.valueOf(line.get("type").asText()),
                Long.parseLong(line.get("amount").asText().replace(".", "")),
                Long.parseLong(line.get("balanceAfter").asText().replace(".", "")), line.get("cause").asText(),
                line.get("occurredAt").asText()).leafBytes(line.get("hash").asText());
    }

    private static String receipt(ObjectNode line, int treeSize, NoteSigner signer, Map<Integer, byte[]> roots,
                                  Map<TreeNode, byte[]> nodes) throws IOException {
        long leaf = line.get("position").asLong() - 1;
        ObjectNode receipt = JSON.createObjectNode();
        receipt.set("line", line);
        receipt.put("leafIndex", leaf);
        receipt.put("checkpoint", signer.sign(new Checkpoint(ORIGIN, treeSize, roots.get(treeSize)).body()));
        receipt.put("treeSize", treeSize);
        var proof = receipt.putArray("inclusionProof");
        TreeProofs.inclusion(leaf, treeSize, nodes::get).forEach(hash -> proof.add(base64(hash)));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(receipt) + "\n";
    }

    private static String consistency(int from, int to, Map<TreeNode, byte[]> nodes) throws IOException {
        ObjectNode proof = JSON.createObjectNode().put("from", from).put("to", to);
        var hashes = proof.putArray("hashes");
        TreeProofs.consistency(from, to, nodes::get).forEach(hash -> hashes.add(base64(hash)));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(proof) + "\n";
    }

    private static List<ObjectNode> copy(List<ObjectNode> lines) {
        return new ArrayList<>(lines.stream().map(ObjectNode::deepCopy).toList());
    }

    private static String ndjson(List<ObjectNode> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (ObjectNode line : lines) {
            text.append(JSON.writeValueAsString(line)).append('\n');
        }
        return text.toString();
    }

    private static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
