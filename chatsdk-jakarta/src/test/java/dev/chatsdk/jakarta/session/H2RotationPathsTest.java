package dev.chatsdk.jakarta.session;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Where the JDBC store keeps tokens, and the path of each rotation, on H2 (in memory). */
class H2RotationPathsTest extends RotationPathsContract {
    @RegisterExtension
    static final DatabasePerClass DATABASE = DatabasePerClass.h2();

    @Override
    protected DatabasePerClass database() {
        return DATABASE;
    }
}
