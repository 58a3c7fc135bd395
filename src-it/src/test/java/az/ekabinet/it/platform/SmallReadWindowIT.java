package az.ekabinet.it.platform;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link LateCommitIT} again with reads of 4 events, so the processors' shared window (two reads) is passed,
 * trimmed and left all the time: a late commit and 300 concurrent writers must still reach the projection whether a
 * stream takes from the window or reads for itself.
 */
@TestPropertySource(properties = "ekabinet.axon.read-batch-size=4")
@DirtiesContext // its settings serve this class only: closed now, not kept until the test JVM exits
class SmallReadWindowIT extends LateCommitIT {
}
