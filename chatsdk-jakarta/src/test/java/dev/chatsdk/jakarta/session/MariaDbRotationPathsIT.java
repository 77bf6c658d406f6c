package dev.chatsdk.jakarta.session;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Where the JDBC store keeps tokens, and the path of each rotation, on the machine's MariaDB. */
class MariaDbRotationPathsIT extends RotationPathsContract {
    @RegisterExtension
    static final DatabasePerClass DATABASE = DatabasePerClass.mariaDb();

    @Override
    protected DatabasePerClass database() {
        return DATABASE;
    }
}
