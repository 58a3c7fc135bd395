package az.ekabinet.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Keyset paging reads the next page only as the reader asks for more, and loses nothing at page boundaries. */
class KeysetPagesTest {

    private static final long ROWS = 4 * KeysetPages.PAGE_SIZE + 17;

    private final AtomicInteger pagesRead = new AtomicInteger();

    /** Rows 1..ROWS of a table keyed by themselves. */
    private Flux<Long> page(long after) {
        return Flux.defer(() -> {
            pagesRead.incrementAndGet();
            long last = Math.min(after + KeysetPages.PAGE_SIZE, ROWS);
            return Flux.fromStream(LongStream.rangeClosed(after + 1, last).boxed());
        });
    }

    @Test
    void everyRowComesOnceInKeyOrder() {
        StepVerifier.create(KeysetPages.stream(0L, this::page, row -> row).collectList())
                .assertNext(rows -> assertThat(rows).containsExactlyElementsOf(
                        LongStream.rangeClosed(1, ROWS).boxed().toList()))
                .verifyComplete();
        assertThat(pagesRead).hasValue(5);
    }

    @Test
    void aSlowReaderHoldsAtMostAPageAhead() {
        StepVerifier.create(KeysetPages.stream(0L, this::page, row -> row), 0)
                .thenRequest(1)
                .expectNext(1L)
                .then(() -> assertThat(pagesRead.get()).isLessThanOrEqualTo(2))
                .thenRequest(KeysetPages.PAGE_SIZE)
                .expectNextCount(KeysetPages.PAGE_SIZE)
                .then(() -> assertThat(pagesRead.get()).isLessThanOrEqualTo(3))
                .thenCancel()
                .verify();
    }

    @Test
    void startsAfterTheGivenKey() {
        StepVerifier.create(KeysetPages.stream(ROWS - 2, this::page, row -> row))
                .expectNext(ROWS - 1, ROWS)
                .verifyComplete();
    }
}
