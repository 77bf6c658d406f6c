package dev.chatsdk.jakarta.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class WithheldMessagesTest {
    @Test
    void keepsClassesAndStackTracesOfTheWholeChainAndNoMessage() {
        IllegalArgumentException cause = new IllegalArgumentException("invalid header value: \"eyJsecret\\n\"");
        RuntimeException e = new IllegalStateException("http://user:s3cr3t@127.0.0.1/ failed", cause);

        Throwable withheld = WithheldMessages.of(e);

        StringWriter printed = new StringWriter();
        withheld.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString())
                .contains(IllegalStateException.class.getName(), IllegalArgumentException.class.getName(),
                        "WithheldMessagesTest.keepsClassesAndStackTracesOfTheWholeChainAndNoMessage")
                .doesNotContain("eyJsecret").doesNotContain("s3cr3t");
        assertThat(withheld.getStackTrace()).isEqualTo(e.getStackTrace());
        assertThat(withheld.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
    }

    @Test
    void endsAChainThatLoops() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        Throwable withheld = WithheldMessages.of(a);

        int depth = 0;
        for (Throwable t = withheld; t != null; t = t.getCause()) {
            depth++;
        }
        assertThat(depth).isLessThanOrEqualTo(9);
    }
}
