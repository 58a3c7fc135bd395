package az.ekabinet.command.cabinet.password;

import java.time.Clock;
import java.sql.Timestamp;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stores a password hash in the same database transaction as the command that needs it (activating a cabinet,
 * changing or resetting a password), so the event and the credential can never disagree. The hash travels in
 * the command's metadata, which is never stored, and is written to {@code command.credential}, never to an event.
 * If the command is refused, the transaction rolls back and nothing is written.
 */
@Component
public class CredentialWriter implements MessageHandlerInterceptor<CommandMessage<?>> {

    public static final String PASSWORD_HASH = "ekabinet.passwordHash";
    public static final String CABINET_ID = "ekabinet.credentialOf";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CredentialWriter(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        var metaData = unitOfWork.getMessage().getMetaData();
        Object hash = metaData.get(PASSWORD_HASH);
        Object cabinetId = metaData.get(CABINET_ID);
        if (hash instanceof String passwordHash && cabinetId instanceof String owner) {
            unitOfWork.onPrepareCommit(uow -> jdbc.update("""
                    INSERT INTO command.credential (cabinet_id, password_hash, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (cabinet_id) DO UPDATE SET password_hash = EXCLUDED.password_hash,
                                                           updated_at = EXCLUDED.updated_at""",
                    owner, passwordHash, Timestamp.from(clock.instant())));
        }
        return chain.proceed();
    }
}
