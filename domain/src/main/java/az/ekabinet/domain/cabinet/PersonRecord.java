package az.ekabinet.domain.cabinet;

import java.time.LocalDate;

/**
 * A person as the state identity registry knows them, read with their identity document. JSON-stable fields
 * only: it is carried by events. Names are in Azerbaijani Latin letters as the registry gives them.
 */
public record PersonRecord(
        String fin,
        String documentSeries,
        String documentNumber,
        String surname,
        String name,
        String patronymic,
        LocalDate birthDate,
        String gender,
        String citizenship,
        String registeredAddress,
        LocalDate documentIssuedOn,
        LocalDate documentValidUntil,
        String documentIssuedBy) {
}
