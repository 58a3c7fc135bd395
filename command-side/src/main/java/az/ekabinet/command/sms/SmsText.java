package az.ekabinet.command.sms;

import az.ekabinet.domain.contact.PhoneNumber;

/** The precondition both adapters share, so a bad message fails the same way whatever the mode. */
final class SmsText {

    /** Three concatenated 160-character segments; also the width of {@code command.sms_outbox.text}. */
    static final int MAX_LENGTH = 480;

    private SmsText() {
    }

    static void requireSendable(PhoneNumber to, String text) {
        if (to == null) {
            throw new IllegalArgumentException("SMS recipient missing");
        }
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("SMS text must have 1.." + MAX_LENGTH + " characters");
        }
    }
}
