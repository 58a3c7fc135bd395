package az.ekabinet.domain.shared;

/** What a node admits its requests as ({@link AdmittedAs}); each class has slots of its own. */
public enum RequestClass {

    /**
     * Money and fees: payment providers' notifications, credits, transfers, confirmations. Their slots are theirs
     * alone, so a crowd browsing never keeps a citizen's payment out.
     */
    CRITICAL,
    /**
     * Requests that hash a password (bcrypt, slow on purpose): logging in, choosing or resetting a password. A few
     * per hashing thread at once, so an admitted one never waits long and a flood is refused.
     */
    PASSWORD,
    /** Everything else: reads, forms, PDFs. */
    BROWSING
}
