package az.ekabinet.command.exam.application;

import az.ekabinet.domain.exam.application.ApplicationNumbers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Application numbers from {@code command.application_number_seq} (100001…999999). Taken inside the creating
 * command's transaction, on the command scheduler; a number taken by a start that then fails is simply skipped.
 */
@Component
public class SequenceApplicationNumbers implements ApplicationNumbers {

    private final JdbcTemplate jdbc;

    public SequenceApplicationNumbers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String next() {
        return Long.toString(jdbc.queryForObject("SELECT nextval('command.application_number_seq')", Long.class));
    }
}
