package az.ekabinet.it.support;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once for the whole integration-test JVM, before any application starts: from then on a
 * blocking call on a Netty event-loop thread (or any Reactor non-blocking thread) throws, and the test that
 * triggered it fails.
 */
public class BlockHoundInstaller implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        BlockHound.install(builder -> builder
                // Console logging writes synchronously; tolerated in tests, as an async appender would be in production.
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
                // Jackson builds a (de)serializer once per type under a short lock; only cold caches contend.
                .allowBlockingCallsInside("com.fasterxml.jackson.databind.deser.DeserializerCache",
                        "_createAndCacheValueDeserializer")
                .allowBlockingCallsInside("com.fasterxml.jackson.databind.ser.SerializerCache",
                        "addAndResolveNonTypedSerializer"));
    }
}
