package az.ekabinet.query.exam.result;

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

/** GET /api/applications/{number}/result/pdf: the owner's published result as a printable sheet. */
@RestController
@Tag(name = "exam")
public class PrintedResultEndpoint {

    private final ResultPrinting printing;

    public PrintedResultEndpoint(ResultPrinting printing) {
        this.printing = printing;
    }

    @Operation(operationId = "printMyResult", summary = "My exam result as a PDF",
            description = "The result sheet with the applicant's name and FİN, subjects, total, threshold and whether "
                    + "they passed, Azerbaijani letters embedded. Refused as the result itself is.")
    @ApiResponse(responseCode = "200", description = "The PDF",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.RESULT_NOT_PUBLISHED})
    @GetMapping(path = "/api/applications/{number}/result/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public Mono<ResponseEntity<byte[]>> print(@PathVariable String number, Principal citizen) {
        return printing.print(number, citizen.getName())
                .map(bytes -> PdfAnswers.inline("netice-" + number + ".pdf", bytes));
    }
}
