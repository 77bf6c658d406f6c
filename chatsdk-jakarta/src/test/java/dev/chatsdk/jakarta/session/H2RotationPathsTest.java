package dev.chatsdk.jakarta.session;

import java.util.UUID;

/** Where the JDBC store keeps tokens, and the path of each rotation, on H2 (in memory). */
class H2RotationPathsTest extends RotationPathsContract {
    private final String url = "jdbc:h2:mem:chatsdk-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    protected String url() {
        return url;
    }

    @Override
    protected String user() {
        return "";
    }

    @Override
    protected boolean postgres() {
        return false;
    }
}
