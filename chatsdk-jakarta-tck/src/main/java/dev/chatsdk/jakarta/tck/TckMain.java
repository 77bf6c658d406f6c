package dev.chatsdk.jakarta.tck;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code java -Dchatsdk.tck.base-url=http://127.0.0.1:8080 -Dchatsdk.tck.user=alice -Dchatsdk.tck.password=...
 * -jar chatsdk-tck.jar}: runs the kit against a deployment (settings also from {@code CHATSDK_TCK_*} environment
 * variables; {@code -Dchatsdk.tck.tags=core,roles} to run some groups), prints each group's counts, every
 * failure and skip with its reason, and the closing line {@code N passed, N failed, N skipped}; exits 1 on
 * any failure (a selected test that never ran, or a selection of none, is one), 2 on a usage error.
 */
public final class TckMain {
    private TckMain() {
    }

    /**
     * Runs the kit against the target the {@code chatsdk.tck.*} settings name, then exits with its status.
     *
     * @param args none: the settings are system properties or environment variables
     */
    public static void main(String[] args) {
        if (TckTarget.get("base-url") == null) {
            System.err.println("usage: java -Dchatsdk.tck.base-url=<context root> [-Dchatsdk.tck.user=... "
                    + "-Dchatsdk.tck.password=... -Dchatsdk.tck.denied-user=... -Dchatsdk.tck.denied-password=... "
                    + "-Dchatsdk.tck.api-key=... -Dchatsdk.tck.secret=... -Dchatsdk.tck.ws-secret=... "
                    + "-Dchatsdk.tck.algorithm=... -Dchatsdk.tck.private-key=... -Dchatsdk.tck.rotation-grace=... "
                    + "-Dchatsdk.tck.basic-challenge=true -Dchatsdk.tck.rate-limit-ip=... -Dchatsdk.tck.trusted-proxy=true "
                    + "-Dchatsdk.tck.session-path=... -Dchatsdk.tck.logout-path=... "
                    + "-Dchatsdk.tck.tags=core,roles,...] -jar chatsdk-tck.jar");
            System.exit(2);
        }
        String tags = TckTarget.get("tags");
        List<String> selected = tags == null ? List.of()
                : Arrays.stream(tags.split(",")).map(String::trim).filter(t -> !t.isEmpty()).collect(Collectors.toList());
        TckRunner.Result result = TckRunner.run(java.util.Map.of(), selected);
        System.out.println("ChatSDK Jakarta TCK against " + TckTarget.get("base-url"));
        System.out.println(result);
        System.exit(result.failed == 0 ? 0 : 1);
    }
}
