package az.ekabinet.query.reference;

import az.ekabinet.domain.reference.ReferenceData.Item;
import az.ekabinet.domain.reference.ReferenceData;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.InvalidValueException;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * GET /api/reference/{institutions,specialties,foreign-languages,sections,document-series,districts,gpa-scales,specializations,instruction-languages}:
 * the shipped reference lists, open to anyone; {@code codePrefix} narrows a list (a specialty is found by typing
 * the first characters of its code).
 */
@RestController
@Tag(name = "reference")
public class ReferenceEndpoint {

    @Operation(operationId = "listReference", summary = "A reference list: code, Azerbaijani name, English name",
            description = "Shipped with the service: institutions, specialties, districts, languages, ...")
    @ApiResponse(responseCode = "200", description = "The items")
    @Refuses({ErrorCode.NOT_FOUND})
    @GetMapping(path = "/api/reference/{list}", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<Item> list(
            @Parameter(schema = @Schema(allowableValues = {"institutions", "specialties", "foreign-languages",
                    "sections", "document-series", "districts", "gpa-scales", "specializations",
                    "instruction-languages"})) @PathVariable String list,
            @Parameter(schema = @Schema(pattern = "^\\s*[0-9A-Za-z]{1,10}\\s*$"),
                    description = "Only the items whose code starts so (specialties: the first 5 characters)")
            @RequestParam(required = false) String codePrefix) {
        var kind = ReferenceData.Kind.byPath(list).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var v = new FieldValidation();
        String prefix = v.parseOptional("codePrefix", codePrefix, ReferenceEndpoint::prefix);
        v.throwIfInvalid();
        return prefix == null ? ReferenceData.shipped().items(kind) : ReferenceData.shipped().withCodePrefix(kind, prefix);
    }

    private static String prefix(String text) {
        String prefix = text.strip().toUpperCase(Locale.ROOT);
        if (!prefix.matches("[0-9A-Z]{1,10}")) {
            throw new InvalidValueException("CODE_PREFIX_FORMAT");
        }
        return prefix;
    }
}
