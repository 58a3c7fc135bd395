package az.ekabinet.domain.shared;

/**
 * Every error a client can see, with the stable code it carries on the wire and the kind of failure,
 * which the HTTP layer maps to a status once. The human text lives in message bundles keyed by the code.
 */
public enum ErrorCode {
    VALIDATION_FAILED(Kind.INVALID_INPUT),
    MALFORMED_REQUEST(Kind.INVALID_INPUT),
    PAYLOAD_TOO_LARGE(Kind.TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(Kind.UNSUPPORTED_MEDIA_TYPE),
    NOT_ACCEPTABLE(Kind.NOT_ACCEPTABLE),
    METHOD_NOT_ALLOWED(Kind.METHOD_NOT_ALLOWED),
    NOT_FOUND(Kind.NOT_FOUND),
    UNAUTHENTICATED(Kind.UNAUTHENTICATED),
    INVALID_CREDENTIALS(Kind.UNAUTHENTICATED),
    PROVIDER_SIGNATURE_INVALID(Kind.UNAUTHENTICATED),
    FORBIDDEN(Kind.FORBIDDEN),
    PAYMENT_NOTIFICATION_CONFLICT(Kind.CONFLICT),
    /** The identity registry does not confirm that this document and FIN belong together. */
    IDENTITY_NOT_CONFIRMED(Kind.UNPROCESSABLE),
    /** One cabinet per FIN, ever: the citizen should log in or recover the password. */
    CABINET_ALREADY_EXISTS(Kind.CONFLICT),
    REGISTRATION_NOT_FOUND(Kind.NOT_FOUND),
    /** A registration step was taken before the one it depends on (e.g. password before the phone is verified). */
    REGISTRATION_STEP_OUT_OF_ORDER(Kind.CONFLICT),
    REGISTRATION_ALREADY_COMPLETED(Kind.CONFLICT),
    VERIFICATION_CODE_INVALID(Kind.UNPROCESSABLE),
    /** A code that is wrong, used, expired, or for a username without a cabinet: which of them is not told. */
    VERIFICATION_CODE_INVALID_OR_UNKNOWN(Kind.UNPROCESSABLE),
    CODE_RESEND_TOO_SOON(Kind.TOO_MANY_REQUESTS),
    SMS_LIMIT_REACHED(Kind.TOO_MANY_REQUESTS),
    TOO_MANY_LOGIN_ATTEMPTS(Kind.TOO_MANY_REQUESTS),
    /** Too many wrong codes or unconfirmed identities from one place: guessing is slowed down. */
    TOO_MANY_ATTEMPTS(Kind.TOO_MANY_REQUESTS),
    CURRENT_PASSWORD_WRONG(Kind.UNPROCESSABLE),
    /** The new document belongs to someone else, or the registry does not know it. */
    DOCUMENT_NOT_RENEWED(Kind.UNPROCESSABLE),
    NO_PENDING_PHONE_CHANGE(Kind.CONFLICT),
    PAYMENT_CODE_NOT_FOUND(Kind.NOT_FOUND),
    /** A payment code credits exactly one wallet exactly once. */
    PAYMENT_CODE_ALREADY_CREDITED(Kind.CONFLICT),
    WALLET_NOT_FOUND(Kind.NOT_FOUND),
    INSUFFICIENT_FUNDS(Kind.CONFLICT),
    RECIPIENT_NOT_FOUND(Kind.UNPROCESSABLE),
    TRANSFER_TO_SELF(Kind.UNPROCESSABLE),
    TRANSFER_NOT_FOUND(Kind.NOT_FOUND),
    /** An unconfirmed transfer lapses after a few minutes; the citizen starts again. */
    TRANSFER_EXPIRED(Kind.CONFLICT),
    /** An exam session with this id was already published with other terms. */
    EXAM_SESSION_EXISTS(Kind.CONFLICT),
    EXAM_SESSION_WINDOW_INVALID(Kind.UNPROCESSABLE),
    EXAM_SESSION_NOT_FOUND(Kind.NOT_FOUND),
    EXAM_SESSION_NOT_OPEN_YET(Kind.CONFLICT),
    /** After the deadline nothing can be started, changed or confirmed. */
    DEADLINE_PASSED(Kind.CONFLICT),
    APPLICATION_NOT_FOUND(Kind.NOT_FOUND),
    /** A confirmed application is read-only. */
    APPLICATION_ALREADY_CONFIRMED(Kind.CONFLICT),
    /** Something is still missing or wrong; the problems list says what. */
    APPLICATION_INCOMPLETE(Kind.UNPROCESSABLE),
    /** The PDF exists for confirmed applications only. */
    APPLICATION_NOT_CONFIRMED(Kind.CONFLICT),
    /** The session has no result sheet yet: results cannot be imported or published before it is set. */
    RESULT_SHEET_MISSING(Kind.CONFLICT),
    /** Results are recorded on the sheet already: it can no longer be changed. */
    RESULT_SHEET_IN_USE(Kind.CONFLICT),
    /** The scoring file's header is not the session's columns; nothing was read. */
    RESULT_FILE_HEADER_INVALID(Kind.UNPROCESSABLE),
    /** The results' publication instant has come: it can no longer be changed. */
    RESULTS_ALREADY_PUBLISHED(Kind.CONFLICT),
    /** The result is not visible (yet): whether it exists is not told. */
    RESULT_NOT_PUBLISHED(Kind.NOT_FOUND),
    /** The Idempotency-Key was used before with another request body. */
    IDEMPOTENCY_KEY_REUSED(Kind.UNPROCESSABLE),
    /** The first request with this Idempotency-Key is still running. */
    IDEMPOTENCY_KEY_IN_USE(Kind.CONFLICT),
    /** No read model of that name can be rebuilt (automations and command lookups are not read models). */
    PROJECTION_NOT_FOUND(Kind.NOT_FOUND),
    /** A rebuild of this read model is already running. */
    REPLAY_IN_PROGRESS(Kind.CONFLICT),
    /** No checkpoint of the ledger has been signed yet (or none as large as asked). */
    CHECKPOINT_NOT_FOUND(Kind.NOT_FOUND),
    /** The ledger's tree is smaller than the size asked for: a proof cannot be made for a tree that is not there. */
    TREE_SIZE_NOT_REACHED(Kind.NOT_FOUND),
    SERVICE_BUSY(Kind.UNAVAILABLE),
    /**
     * The database cannot be reached right now (restarting, failing over): the request may be repeated in a few
     * seconds; a money-moving one safely so with the same Idempotency-Key, or as its own repeat rules allow.
     */
    SERVICE_UNAVAILABLE(Kind.UNAVAILABLE),
    /** An outside state system (identity registry, graduate registry, SMS gateway) did not answer in time. */
    EXTERNAL_SERVICE_UNAVAILABLE(Kind.UNAVAILABLE),
    INTERNAL_ERROR(Kind.INTERNAL);

    /** What sort of failure it is; the HTTP status follows from this alone. */
    public enum Kind {
        INVALID_INPUT, UNPROCESSABLE, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE, METHOD_NOT_ALLOWED,
        NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, CONFLICT, TOO_MANY_REQUESTS, UNAVAILABLE, INTERNAL
    }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
