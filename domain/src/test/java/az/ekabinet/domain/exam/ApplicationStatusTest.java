package az.ekabinet.domain.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.exam.application.ApplicationStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApplicationStatusTest {

    @Test
    void aStatusReadsBackFromItsText() {
        var confirmed = new ApplicationStatus("100042", ApplicationStatus.CONFIRMED,
                Instant.parse("2026-03-01T08:15:30.123456Z"));
        assertThat(confirmed.text()).isEqualTo("100042 CONFIRMED 2026-03-01T08:15:30.123456Z");
        assertThat(ApplicationStatus.parse(confirmed.text())).isEqualTo(confirmed);
    }

    @Test
    void textThatIsNotAStatusIsRefused() {
        assertThatThrownBy(() -> ApplicationStatus.parse("100042 CONFIRMED")).isInstanceOf(IllegalArgumentException.class);
    }
}
