package az.ekabinet.query.exam.result;

import az.ekabinet.query.exam.pdf.PrintedResult;
import az.ekabinet.query.exam.pdf.ResultPdf;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Prints the owner's published result: the result as {@link ResultViews} reads it (with the same refusals), the
 * applicant's name and FİN from their cabinet, rendered on the bounded print scheduler, never on a Netty thread.
 */
@Component
public class ResultPrinting {

    private final ResultViews results;
    private final DatabaseClient db;
    private final ResultPdf pdf;
    private final Scheduler printScheduler;

    public ResultPrinting(ResultViews results, DatabaseClient db, ResultPdf pdf,
                          @Qualifier("printScheduler") Scheduler printScheduler) {
        this.results = results;
        this.db = db;
        this.pdf = pdf;
        this.printScheduler = printScheduler;
    }

    public Mono<byte[]> print(String number, String cabinetId) {
        return results.owned(number, cabinetId)
                .zipWith(db.sql("SELECT surname, name, patronymic, fin FROM readmodel.cabinet_profile "
                                + "WHERE cabinet_id = :cabinet")
                        .bind("cabinet", cabinetId)
                        .map((row, meta) -> new PrintedResult.Applicant(row.get("surname", String.class),
                                row.get("name", String.class), row.get("patronymic", String.class),
                                row.get("fin", String.class)))
                        .one())
                .map(read -> printed(read.getT1(), read.getT2()))
                .flatMap(printed -> Mono.fromCallable(() -> pdf.render(printed)).subscribeOn(printScheduler));
    }

    private static PrintedResult printed(ResultView result, PrintedResult.Applicant applicant) {
        return new PrintedResult(result.applicationNumber(), result.sessionTitle(), applicant, result.examDate(),
                result.centreCode(), result.subjects().stream()
                        .map(subject -> new PrintedResult.Subject(subject.nameAz(), subject.score(), subject.maxScore()))
                        .toList(),
                result.total(), result.maxTotal(), result.passThreshold(), result.passed(), result.publishedAt());
    }
}
