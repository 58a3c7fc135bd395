package az.ekabinet.it.support;

import java.util.concurrent.ThreadLocalRandom;

/** Identifiers no other test uses, so tests sharing one running application never see each other's data. */
public final class Ids {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    private static final String FIN_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private Ids() {
    }

    /** A FIN the test identity registry answers for (it starts with T, never TZ), with its document number. */
    public static String fin() {
        return finStartingWith("T" + FIN_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(FIN_ALPHABET.length() - 1)));
    }

    /** A FIN of a synthetic person with an Azerbaijani name full of its own letters (see TestIdentityRegistry). */
    public static String azerbaijaniFin() {
        return finStartingWith(TestIdentityRegistry.AZERBAIJANI_NAMED);
    }

    private static String finStartingWith(String prefix) {
        StringBuilder fin = new StringBuilder(prefix);
        while (fin.length() < 7) {
            fin.append(FIN_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(FIN_ALPHABET.length())));
        }
        return fin.toString();
    }

    /** An 8-digit number for an AZE document. */
    public static String documentNumber() {
        return String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A mobile number no other test uses (SMS limits are per phone). */
    public static String phone() {
        return String.format("+99470%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    public static String paymentCode() {
        StringBuilder code = new StringBuilder("T");
        for (int i = 0; i < 15; i++) {
            code.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
