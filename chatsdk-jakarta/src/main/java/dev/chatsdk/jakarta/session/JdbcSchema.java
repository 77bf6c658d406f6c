package dev.chatsdk.jakarta.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The JDBC store's tables and dialect: creates {@code chatsdk_session} and {@code chatsdk_refresh} on first use when
 * they are missing ({@code META-INF/chatsdk/schema/V1__chatsdk_sessions.sql}), and learns whether the database is PostgreSQL (where a
 * rotation takes one statement). With {@code chatsdk.session.jdbc.create-schema=false} it never runs DDL: missing
 * tables are {@link MissingTables} ({@code CHATSDK-304}). Thread-safe; the check runs once (until it succeeds).
 */
final class JdbcSchema {
    /** The versioned migration whose DDL the store runs when the tables are missing. */
    static final String MIGRATION = "/META-INF/chatsdk/schema/V1__chatsdk_sessions.sql";
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.session");

    /** The tables are missing and the store may not create them ({@code CHATSDK-304}); SQLState 42S02. */
    static final class MissingTables extends SQLException {
        private static final long serialVersionUID = 1L;

        MissingTables() {
            super("CHATSDK-304: the session tables chatsdk_session and chatsdk_refresh are missing, and "
                    + "chatsdk.session.jdbc.create-schema=false forbids creating them; apply "
                    + "META-INF/chatsdk/schema/V1__chatsdk_sessions.sql to the database, or remove the key", "42S02");
        }
    }

    private final boolean create;
    private volatile boolean ready;
    /** Whether the database is PostgreSQL (known once {@link #ensure} ran). */
    private volatile boolean postgres;

    /** @param create whether missing tables are created ({@code chatsdk.session.jdbc.create-schema}) */
    JdbcSchema(boolean create) {
        this.create = create;
    }

    /**
     * Creates the tables if they are missing, once; runs inside a unit of work (its statements are bounded).
     *
     * @throws MissingTables if they are missing and may not be created
     */
    void ensure(Connection c) throws SQLException {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (!ready) {
                if (!tablesExist(c)) {
                    if (!create) {
                        throw new MissingTables();
                    }
                    createTables(c);
                }
                postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
                ready = true;
            }
        }
    }

    boolean ready() {
        return ready;
    }

    /** @return whether the database is PostgreSQL; {@code false} until the first unit of work */
    boolean postgres() {
        return postgres;
    }

    private static boolean tablesExist(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = BoundedStatements.statement(c)) {
            s.executeQuery("SELECT 1 FROM chatsdk_session WHERE 1 = 0").close();
            s.executeQuery("SELECT 1 FROM chatsdk_refresh WHERE 1 = 0").close();
            c.commit();
            return true;
        } catch (SQLException e) {
            c.rollback();
            return false;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void createTables(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = BoundedStatements.statement(c)) {
            for (String ddl : ddl().split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
            c.commit();
            LOG.log(System.Logger.Level.INFO, "CHATSDK-301: created the session tables chatsdk_session and chatsdk_refresh");
        } catch (SQLException e) {
            c.rollback();
            if (!tablesExist(c)) {
                throw e;
            }
        }
    }

    /**
     * @return the DDL the store runs, without comments: the first versioned migration shipped for teams that manage
     *         the schema themselves, so the two cannot drift apart
     */
    static String ddl() {
        try (InputStream in = JdbcSchema.class.getResourceAsStream(MIGRATION)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replaceAll("(?m)^--.*$", "");
        } catch (IOException e) {
            throw new IllegalStateException("the module jar lacks " + MIGRATION, e);
        }
    }
}
