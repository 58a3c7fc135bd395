package az.ekabinet.command.exam.result;

import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.exam.result.ExamResults;
import az.ekabinet.domain.exam.result.FinishResultImport;
import az.ekabinet.domain.exam.result.RecordResults;
import az.ekabinet.domain.exam.result.RecordedResults;
import az.ekabinet.domain.exam.result.RecordedResults.RejectedLine;
import az.ekabinet.domain.exam.result.ResultLineProblem;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.axonframework.common.IdentifierFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Imports a session's scoring file as it streams in: read on a worker thread (parsing blocks on the body's next
 * bytes), in parts of {@value #PART_LINES} lines. For each part, the numbers are looked up in the applications' read
 * model at once (written in the confirming transaction, so it is current), and the lines that are confirmed
 * applications of the session go to the session's {@link ExamResults} in one command, which records them in one
 * transaction. The parts are recorded one after another, in order; the next part is read and looked up meanwhile, so
 * at most a few parts are in memory. A part recorded stays recorded if a later one fails; importing the file again
 * picks up where it stopped, since lines recorded already change nothing.
 */
@Component
public class ResultImport {

    static final int PART_LINES = 5_000;
    /** The report lists at most this many rejected lines (it counts all of them). */
    static final int LISTED_REJECTIONS = 1_000;
    /**
     * A part whose numbers' span is less than this many times their count is checked by one scan of the span;
     * sparser, by a probe per number.
     */
    static final int SPAN_PER_NUMBER = 4;
    /** An application number is six digits (the read model's check). */
    private static final int NUMBER_DIGITS = 6;
    /** The body is read this many buffers ahead of the parser. */
    private static final int READ_AHEAD = 16;

    private final CommandDispatcher commands;
    private final DatabaseClient db;
    private final ResultSheets sheets;

    public ResultImport(CommandDispatcher commands, DatabaseClient db, ResultSheets sheets) {
        this.commands = commands;
        this.db = db;
        this.sheets = sheets;
    }

    /** What an import did, line by line: the report the administrator gets. */
    @Schema(name = "ResultImportReport")
    public record Report(
            @Schema(description = "This import's id, as its events carry it") String importId,
            @Schema(description = "Lines after the header (blank lines skipped)") long linesRead,
            @Schema(description = "Lines that passed every check: recorded, corrected or unchanged") long accepted,
            @Schema(description = "New results") long recorded,
            @Schema(description = "Results that differed from those recorded: recorded as corrections") long corrected,
            @Schema(description = "Results recorded already, the same") long unchanged,
            long rejectedCount,
            @ArraySchema(arraySchema = @Schema(description = "The rejected lines in order, at most "
                    + LISTED_REJECTIONS + " of them"))
            List<RejectedLine> rejected,
            @Schema(description = "More lines were rejected than listed") boolean rejectedListTruncated) {
    }

    public Mono<Report> importFile(String sessionId, Flux<DataBuffer> body, String administrator) {
        String importId = IdentifierFactory.getInstance().generateIdentifier(); // in memory: no /dev/urandom read here
        String resultsId = ExamResults.idOf(sessionId);
        return sheets.sheetOf(sessionId).flatMap(sheet -> Flux.using(
                        () -> new ScoringFile(sheet, DataBufferUtils.subscriberInputStream(body, READ_AHEAD)),
                        file -> Flux.fromStream(file.lines()),
                        ScoringFile::close)
                .subscribeOn(Schedulers.boundedElastic())
                .buffer(PART_LINES)
                // one part ahead: the next part is read and its numbers looked up while this one is recorded; a
                // failure ahead waits until the part being recorded is done
                .concatMap(part -> applicationChecked(sessionId, part), 1)
                .concatMapDelayError(checked -> record(resultsId, importId, administrator, checked), false, 1)
                .reduce(new Tally(), Tally::add)
                .flatMap(tally -> commands.send(new FinishResultImport(resultsId, importId, administrator,
                                tally.linesRead, tally.recorded, tally.corrected, tally.unchanged, tally.rejectedCount))
                        .thenReturn(tally.report(importId))));
    }

    /**
     * The part's lines, each number that is no confirmed application of the session turned into its problem. Only
     * the numbers with a problem come back from the database (usually none), not a row per line.
     */
    private Mono<List<ScoringFile.Line>> applicationChecked(String sessionId, List<ScoringFile.Line> part) {
        String[] numbers = part.stream().filter(line -> line.result() != null)
                .map(line -> line.result().applicationNumber()).toArray(String[]::new);
        if (numbers.length == 0) {
            return Mono.just(part);
        }
        String first = numbers[0];
        String last = numbers[0];
        for (String number : numbers) { // six digits each: their order as text is their order as numbers
            first = number.compareTo(first) < 0 ? number : first;
            last = number.compareTo(last) > 0 ? number : last;
        }
        boolean dense = Integer.parseInt(last) - Integer.parseInt(first) < SPAN_PER_NUMBER * numbers.length;
        Mono<Map<String, ResultLineProblem>> problems = dense
                ? notConfirmedInSession(sessionId, numbers, first, last).flatMap(wanting -> wanting.length == 0
                        ? Mono.just(Map.of()) : problemsOf(sessionId, wanting))
                : problemsOf(sessionId, numbers);
        return problems.map(found -> found.isEmpty() ? part : part.stream().map(line -> {
            ResultLineProblem problem = line.result() == null ? null : found.get(line.result().applicationNumber());
            return problem == null ? line : new ScoringFile.Line(line.lineNumber(), null, problem);
        }).toList());
    }

    /**
     * The numbers (from {@code first} to {@code last}, dense) that are no confirmed application of the session: one
     * scan of the applications' key over their span returns the session's confirmed numbers in it as one text, their
     * six digits one after another (cheaper for the driver to decode than an array of integers), and the difference
     * is taken here. Sending the part's numbers for the database to set against (an array of 5,000 strings to parse,
     * unnest and hash) cost it more; a join with them left the planner a per-number plan to fall back to once its
     * plan was cached (2.5 times as long).
     */
    private Mono<String[]> notConfirmedInSession(String sessionId, String[] numbers, String first, String last) {
        int from = Integer.parseInt(first);
        return db.sql("""
                        SELECT coalesce(string_agg(application_number, ''), '') AS confirmed
                        FROM readmodel.exam_application
                        WHERE application_number BETWEEN CAST(:first AS bpchar) AND CAST(:last AS bpchar)
                          AND session_id = :session AND status = 'CONFIRMED'""")
                .bind("first", first)
                .bind("last", last)
                .bind("session", sessionId)
                .map((row, meta) -> row.get("confirmed", String.class))
                .one()
                .map(confirmed -> {
                    var inSession = new BitSet(Integer.parseInt(last) - from + 1);
                    for (int at = 0; at < confirmed.length(); at += NUMBER_DIGITS) {
                        inSession.set(Integer.parseInt(confirmed, at, at + NUMBER_DIGITS, 10) - from);
                    }
                    return Arrays.stream(numbers).filter(number -> !inSession.get(Integer.parseInt(number) - from))
                            .distinct().toArray(String[]::new);
                });
    }

    /**
     * What is wrong with each of these numbers that is no confirmed application of the session. Each number is one
     * probe of the applications' key (the {@code LIMIT} keeps the planner from a merge join, which walked the key
     * from its first entry up to the part's last number: the longer the table, the slower every part).
     */
    private Mono<Map<String, ResultLineProblem>> problemsOf(String sessionId, String[] numbers) {
        return db.sql("""
                        SELECT n.number, a.session_id
                        FROM unnest(CAST(:numbers AS bpchar[])) AS n(number)
                        LEFT JOIN LATERAL (SELECT a.session_id, a.status FROM readmodel.exam_application a
                                           WHERE a.application_number = n.number LIMIT 1) a ON true
                        WHERE a.session_id IS NULL OR a.session_id <> :session OR a.status <> 'CONFIRMED'""")
                .bind("numbers", numbers)
                .bind("session", sessionId)
                .map((row, meta) -> Map.entry(row.get("number", String.class),
                        problemOf(sessionId, row.get("session_id", String.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Why a result cannot be that of an application the query found wanting (no session: no such application). */
    private static ResultLineProblem problemOf(String sessionId, String applicationSession) {
        if (applicationSession == null) {
            return ResultLineProblem.APPLICATION_UNKNOWN;
        }
        return sessionId.equals(applicationSession) ? ResultLineProblem.APPLICATION_NOT_CONFIRMED
                : ResultLineProblem.APPLICATION_OF_OTHER_SESSION;
    }

    private Mono<Part> record(String resultsId, String importId, String administrator, List<ScoringFile.Line> lines) {
        var rejected = new ArrayList<RejectedLine>();
        var sent = new ArrayList<RecordResults.Line>();
        for (ScoringFile.Line line : lines) {
            if (line.problem() != null) {
                rejected.add(new RejectedLine(line.lineNumber(), line.problem()));
            } else {
                sent.add(new RecordResults.Line(line.lineNumber(), line.result()));
            }
        }
        Mono<RecordedResults> recorded = sent.isEmpty() ? Mono.just(new RecordedResults(0, 0, 0, List.of()))
                : commands.send(new RecordResults(resultsId, importId, administrator, sent));
        return recorded.map(outcome -> {
            rejected.addAll(outcome.rejected());
            rejected.sort(Comparator.comparingLong(RejectedLine::lineNumber));
            return new Part(lines.size(), outcome, rejected);
        });
    }

    private record Part(int lines, RecordedResults outcome, List<RejectedLine> rejected) {
    }

    /** The running totals of an import, part by part. */
    private static final class Tally {
        long linesRead;
        long recorded;
        long corrected;
        long unchanged;
        long rejectedCount;
        final List<RejectedLine> listed = new ArrayList<>();

        Tally add(Part part) {
            linesRead += part.lines();
            recorded += part.outcome().recorded();
            corrected += part.outcome().corrected();
            unchanged += part.outcome().unchanged();
            rejectedCount += part.rejected().size();
            part.rejected().stream().limit(Math.max(0, LISTED_REJECTIONS - listed.size())).forEach(listed::add);
            return this;
        }

        Report report(String importId) {
            return new Report(importId, linesRead, recorded + corrected + unchanged, recorded, corrected, unchanged,
                    rejectedCount, List.copyOf(listed), rejectedCount > listed.size());
        }
    }
}
