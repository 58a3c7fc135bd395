package az.ekabinet.command.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** Which failures the dispatcher sends again: lost races and deadlocks, nothing else. */
class CommandDispatcherTest {

    @Test
    void racesAndDeadlocksAreRetried() {
        assertThat(CommandDispatcher.isTransient(new ConcurrencyException("another writer won"))).isTrue();
        assertThat(CommandDispatcher.isTransient(new RuntimeException(new SQLException("deadlock", "40P01")))).isTrue();
    }

    /** A connection closed under the command (the database restarting) once surfaced with no SQL state at all. */
    @Test
    void aSqlFailureWithoutAStateIsNotRetriedAndDoesNotBreakTheCheck() {
        assertThat(CommandDispatcher.isTransient(new RuntimeException(new SQLException("Connection is closed"))))
                .isFalse();
        assertThat(CommandDispatcher.isTransient(new SQLException("syntax error", "42601"))).isFalse();
    }
}
