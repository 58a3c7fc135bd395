package az.ekabinet.it.support;

import java.util.concurrent.ThreadLocalRandom;

/** Identifiers no other test uses, so tests sharing one running application never see each other's data. */
public final class Ids {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    private Ids() {
    }

    public static String paymentCode() {
        StringBuilder code = new StringBuilder("T");
        for (int i = 0; i < 15; i++) {
            code.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
