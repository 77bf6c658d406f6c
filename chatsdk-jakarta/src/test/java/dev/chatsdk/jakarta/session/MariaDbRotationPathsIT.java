package dev.chatsdk.jakarta.session;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Where the JDBC store keeps tokens, and the path of each rotation, on the machine's MariaDB. */
class MariaDbRotationPathsIT extends RotationPathsContract {
    private static MariaDbDatabase database;

    @BeforeAll
    static void connect() throws SQLException {
        database = new MariaDbDatabase();
    }

    @AfterAll
    static void drop() throws SQLException {
        database.close();
    }

    @Override
    protected String url() {
        return database.url();
    }

    @Override
    protected String user() {
        return MariaDbDatabase.USER;
    }

    @Override
    protected boolean postgres() {
        return false;
    }
}
