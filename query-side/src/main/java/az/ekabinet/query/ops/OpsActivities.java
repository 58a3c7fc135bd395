package az.ekabinet.query.ops;

import az.ekabinet.domain.cabinet.CabinetActivated;
import az.ekabinet.domain.exam.application.ApplicationConfirmed;
import az.ekabinet.domain.exam.application.ApplicationStarted;
import az.ekabinet.domain.exam.result.ResultImportFinished;
import az.ekabinet.domain.exam.result.ResultsPublicationSet;
import az.ekabinet.domain.exam.session.ExamSessionPublished;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.payment.PaymentCodeRedeemed;
import az.ekabinet.domain.payment.PaymentReceived;
import az.ekabinet.domain.transfer.TransferCompleted;
import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.FundsDebited;
import az.ekabinet.domain.wallet.MovementCause;
import java.util.List;
import java.util.Optional;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which domain events operators see, and what of each: the stored event is read with the event store's own
 * serializer into its domain type, and only the non-personal fields of {@link OpsActivity} are copied out of it.
 * (No upcaster exists yet; when one does, this reader must run the upcaster chain too.)
 */
public class OpsActivities {

    private static final Logger log = LoggerFactory.getLogger(OpsActivities.class);

    static final List<Class<?>> SHOWN = List.of(CabinetActivated.class, PaymentReceived.class,
            PaymentCodeRedeemed.class, FundsCredited.class, FundsDebited.class, TransferCompleted.class,
            ExamSessionPublished.class, ApplicationStarted.class, ApplicationConfirmed.class,
            ResultImportFinished.class, ResultsPublicationSet.class);

    private final Serializer serializer;
    private final String[] types = SHOWN.stream().map(Class::getName).toArray(String[]::new);

    public OpsActivities(Serializer serializer) {
        this.serializer = serializer;
    }

    /** The stored payload types shown, for {@code payloadtype = ANY(...)}. */
    String[] types() {
        return types.clone();
    }

    /**
     * The activity an event shows, or empty for an event operators do not see (or cannot be read, or whose cause is
     * not a {@link MovementCause}: logged).
     */
    Optional<OpsActivity> of(StoredEvent stored) {
        if (stored.payload() == null) {
            return Optional.empty();
        }
        try {
            Object event = serializer.deserialize(new SimpleSerializedObject<>(stored.payload(), byte[].class,
                    stored.payloadType(), stored.payloadRevision()));
            return Optional.ofNullable(details(stored, event));
        } catch (RuntimeException e) {
            log.warn("Event {} ({}) is not shown on the ops stream: {}", stored.index(), stored.payloadType(),
                    e.toString());
            return Optional.empty();
        }
    }

    private static OpsActivity details(StoredEvent stored, Object event) {
        if (event instanceof PaymentReceived e) {
            return activity(stored, event, money(e.amountQepik()), null, e.provider(), null);
        }
        if (event instanceof PaymentCodeRedeemed e) {
            return activity(stored, event, money(e.amountQepik()), null, null, null);
        }
        if (event instanceof FundsCredited e) {
            return activity(stored, event, money(e.amountQepik()), causeKind(e.movementCause()), null, null);
        }
        if (event instanceof FundsDebited e) {
            return activity(stored, event, money(e.amountQepik()), causeKind(e.movementCause()), null, null);
        }
        if (event instanceof ExamSessionPublished e) {
            return activity(stored, event, money(e.feeQepik()), null, null, e.sessionId());
        }
        if (event instanceof ApplicationStarted e) {
            return activity(stored, event, null, null, null, e.sessionId());
        }
        if (event instanceof ApplicationConfirmed e) {
            return activity(stored, event, money(e.feeQepik()), null, null, e.sessionId());
        }
        if (event instanceof ResultImportFinished e) {
            // counts only: not who imported the file
            var lines = new OpsActivity.ImportLines(e.linesRead(), e.recorded(), e.corrected(), e.unchanged(),
                    e.rejected());
            return new OpsActivity(stored.index(), type(event), stored.storedAt(), null, null, null, e.sessionId(),
                    lines, null);
        }
        if (event instanceof ResultsPublicationSet e) {
            var publication = new OpsActivity.ResultsPublication(e.publishAt(), e.previousPublishAt(),
                    e.resultCount());
            return new OpsActivity(stored.index(), type(event), stored.storedAt(), null, null, null, e.sessionId(),
                    null, publication);
        }
        if (event instanceof CabinetActivated || event instanceof TransferCompleted) {
            return activity(stored, event, null, null, null, null);
        }
        return null;
    }

    private static OpsActivity activity(StoredEvent stored, Object event, String amount, String causeKind,
                                        String provider, String sessionId) {
        return new OpsActivity(stored.index(), type(event), stored.storedAt(), amount, causeKind, provider, sessionId,
                null, null);
    }

    private static String type(Object event) {
        return event.getClass().getSimpleName();
    }

    private static String money(long qepik) {
        return Money.ofQepik(qepik).toWire();
    }

    /** {@code PAYMENT_CODE:<code>} → {@code PAYMENT_CODE}: the kind only, the reference identifies someone. */
    private static String causeKind(MovementCause cause) {
        return cause.kind().name();
    }
}
