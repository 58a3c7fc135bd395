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

    /** The name as another citizen may see it before sending money: "Məmmədov E. Ə." (surname, initials). */
    public String maskedName() {
        return surname + initial(name) + initial(patronymic);
    }

    private static String initial(String part) {
        return part == null || part.isBlank() ? ""
                : " " + part.strip().substring(0, part.strip().offsetByCodePoints(0, 1))
                        .toUpperCase(java.util.Locale.forLanguageTag("az")) + ".";
    }
}
