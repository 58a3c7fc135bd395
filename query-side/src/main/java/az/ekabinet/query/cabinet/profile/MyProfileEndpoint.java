package az.ekabinet.query.cabinet.profile;

import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** GET /api/me: the citizen's own cabinet — person and document data, contact, cabinet number. */
@RestController
@Tag(name = "cabinet")
public class MyProfileEndpoint {

    private final DatabaseClient db;

    public MyProfileEndpoint(DatabaseClient db) {
        this.db = db;
    }

    @Schema(name = "ProfileDocument")
    public record Document(String series, String number, LocalDate issuedOn, LocalDate validUntil, String issuedBy) {
    }

    @Schema(name = "ProfileContact")
    public record Contact(String mobilePhone, boolean phoneVerified, String email) {
    }

    public record Profile(String cabinetNumber, String fin, String surname, String name, String patronymic,
                          LocalDate birthDate, String gender, String citizenship, String registeredAddress,
                          Document document, Contact contact, Instant activatedAt) {
    }

    @Operation(operationId = "getMe", summary = "My cabinet: number, person and document data, contact",
            description = "Personal data (Şəxsi məlumatlar) as the identity registry gave them, and whether the phone "
                    + "is verified.")
    @ApiResponse(responseCode = "200", description = "The cabinet")
    @GetMapping(path = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Profile> me(Principal caller) {
        return db.sql("""
                        SELECT * FROM readmodel.cabinet_profile WHERE cabinet_id = :id AND status = 'ACTIVE'""")
                .bind("id", caller.getName())
                .map((row, meta) -> {
                    OffsetDateTime activated = row.get("activated_at", OffsetDateTime.class);
                    return new Profile(row.get("cabinet_number", String.class), row.get("fin", String.class),
                            row.get("surname", String.class), row.get("name", String.class),
                            row.get("patronymic", String.class), row.get("birth_date", LocalDate.class),
                            row.get("gender", String.class), row.get("citizenship", String.class),
                            row.get("registered_address", String.class),
                            new Document(row.get("document_series", String.class), row.get("document_number", String.class),
                                    row.get("document_issued_on", LocalDate.class),
                                    row.get("document_valid_until", LocalDate.class),
                                    row.get("document_issued_by", String.class)),
                            new Contact(row.get("mobile_phone", String.class),
                                    Boolean.TRUE.equals(row.get("phone_verified", Boolean.class)),
                                    row.get("email", String.class)),
                            activated == null ? null : activated.toInstant());
                })
                .one()
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }
}
