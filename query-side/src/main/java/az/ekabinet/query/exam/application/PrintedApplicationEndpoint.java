package az.ekabinet.query.exam.application;

import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import az.ekabinet.query.exam.pdf.PdfAnswers;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * GET /api/applications/{number}/pdf ("Çap", print): the owner's confirmed application as a PDF, in
 * Azerbaijani. A draft is 409 {@code APPLICATION_NOT_CONFIRMED}; anyone else's is 404. Rendering runs on the
 * bounded print scheduler, never on a Netty thread ({@link ApplicationPrinting}); this endpoint maps HTTP to it.
 */
@RestController
@Tag(name = "exam")
public class PrintedApplicationEndpoint {

    private final ApplicationPrinting printing;

    public PrintedApplicationEndpoint(ApplicationPrinting printing) {
        this.printing = printing;
    }

    @Operation(operationId = "printApplication", summary = "My confirmed application as a PDF (Çap)",
            description = "Its number, personal data, education, exam choices, fee and confirmation time, with "
                    + "Azerbaijani letters embedded.")
    @ApiResponse(responseCode = "200", description = "The PDF",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.APPLICATION_NOT_CONFIRMED})
    @GetMapping(path = "/api/applications/{number}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public Mono<ResponseEntity<byte[]>> print(@PathVariable String number, Principal citizen) {
        return printing.print(number, citizen.getName())
                .map(bytes -> PdfAnswers.inline("erize-" + number + ".pdf", bytes));
    }
}
