package az.ekabinet.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.cabinet.Cabinet;
import az.ekabinet.domain.exam.application.ExamApplication;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.payment.Payment;
import az.ekabinet.domain.payment.PaymentCode;
import az.ekabinet.domain.transfer.Transfer;
import az.ekabinet.domain.wallet.Wallet;
import org.junit.jupiter.api.Test;

/**
 * Every aggregate's identifier as the event store keeps it (one key space, so each kind has its prefix): the forms
 * are stored, so they must never change, and each is made (and taken apart) by its aggregate alone.
 */
class AggregateIdsTest {

    @Test
    void eachAggregateHasItsStoredForm() {
        assertThat(Cabinet.idOf("5ZK3M7P")).isEqualTo("cabinet:5ZK3M7P");
        assertThat(Wallet.idOf("cabinet:5ZK3M7P")).isEqualTo("wallet:cabinet:5ZK3M7P");
        assertThat(Payment.idOf(new PaymentCode("AB12CD34EF56"))).isEqualTo("payment:AB12CD34EF56");
        assertThat(Transfer.idOf("t1")).isEqualTo("transfer:t1");
        assertThat(ExamSession.idOf("magistr-2026-1")).isEqualTo("exam-session:magistr-2026-1");
        assertThat(ExamApplication.idOf("exam-session:magistr-2026-1", "cabinet:5ZK3M7P"))
                .isEqualTo("application:magistr-2026-1:5ZK3M7P");
    }

    @Test
    void theirPartsReadBack() {
        assertThat(Cabinet.finOf(Cabinet.idOf("5ZK3M7P"))).isEqualTo("5ZK3M7P");
        assertThat(Transfer.tokenOf(Transfer.idOf("t1"))).isEqualTo("t1");
        assertThat(ExamSession.codeOf(ExamSession.idOf("magistr-2026-1"))).isEqualTo("magistr-2026-1");
    }

    @Test
    void anIdOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> Cabinet.finOf("staff:operator")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transfer.tokenOf("wallet:cabinet:A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExamSession.codeOf("magistr-2026-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExamApplication.idOf("s1", "cabinet:A")).isInstanceOf(IllegalArgumentException.class);
    }
}
