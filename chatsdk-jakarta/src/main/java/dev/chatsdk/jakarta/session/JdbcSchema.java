package dev.chatsdk.jakarta.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The JDBC store's tables and dialect: brings {@code chatsdk_session} and {@code chatsdk_refresh} to the shipped
 * version on first use ({@code META-INF/chatsdk/schema/V1__chatsdk_sessions.sql} when the tables are missing, then
 * {@code V2__chatsdk_session_tokens.sql} when the session row lacks its token columns), and learns whether the
 * database is PostgreSQL (where a rotation takes one statement). With {@code chatsdk.session.jdbc.create-schema=false}
 * it never runs DDL: missing tables or columns are {@link MissingTables} ({@code CHATSDK-304}), naming the files to
 * apply. Thread-safe; the check runs once (until it succeeds).
 */
final class JdbcSchema {
    /** The first versioned migration: the two tables, run when they are missing. */
    static final String MIGRATION = "/META-INF/chatsdk/schema/V1__chatsdk_sessions.sql";
    /** The second: a session's current and last spent token in its own row, run when those columns are missing. */
    static final String MIGRATION_V2 = "/META-INF/chatsdk/schema/V2__chatsdk_session_tokens.sql";
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.session");

    /**
     * The tables or their version 2 columns are missing and the store may not create them ({@code CHATSDK-304});
     * SQLState 42S02.
     */
    static final class MissingTables extends SQLException {
        private static final long serialVersionUID = 1L;

        /** @param tables {@code true}: the tables are missing; {@code false}: only the columns of version 2 */
        MissingTables(boolean tables) {
            super(String.format("CHATSDK-304: the session tables chatsdk_session and chatsdk_refresh %s, and "
                    + "chatsdk.session.jdbc.create-schema=false forbids %s; apply %s to the database, or remove the "
                    + "key", tables ? "are missing" : "lack the columns of version 2 (chatsdk_session.current_hash, "
                            + "previous_hash, previous_spent_at)", tables ? "creating them" : "adding them",
                    tables ? file(MIGRATION) + " and then " + file(MIGRATION_V2) : file(MIGRATION_V2)), "42S02");
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
     * Creates the tables or adds the columns of version 2 if they are missing, once; runs inside a unit of work (its
     * statements are bounded).
     *
     * @throws MissingTables if they are missing and may not be created
     */
    void ensure(Connection c) throws SQLException {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (!ready) {
                boolean tables = exist(c, TABLES);
                if (!tables || !exist(c, V2_COLUMNS)) {
                    if (!create) {
                        throw new MissingTables(!tables);
                    }
                    migrate(c, tables);
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

    /** Queries that fail unless version 1's tables exist. */
    private static final String[] TABLES = {"SELECT 1 FROM chatsdk_session WHERE 1 = 0",
        "SELECT 1 FROM chatsdk_refresh WHERE 1 = 0"};
    /** A query that fails unless version 2's columns exist. */
    private static final String[] V2_COLUMNS = {
        "SELECT current_hash, previous_hash, previous_spent_at FROM chatsdk_session WHERE 1 = 0"};

    /** @return whether every query runs (together in a transaction of their own, rolled back if one fails) */
    private static boolean exist(Connection c, String[] queries) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = BoundedStatements.statement(c)) {
            for (String query : queries) {
                s.executeQuery(query).close();
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            c.rollback();
            return false;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Runs version 1 (unless its tables exist) and version 2, in one transaction where the database's DDL is
     * transactional. Another node may be doing the same at once: when this fails and the other node's
     * migration left the columns in place, that is success.
     *
     * @param tables whether version 1's tables exist already
     */
    private static void migrate(Connection c, boolean tables) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = BoundedStatements.statement(c)) {
            for (String ddl : (tables ? statements(MIGRATION_V2) : ddl()).split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
            c.commit();
            LOG.log(System.Logger.Level.INFO, String.format("CHATSDK-301: %s the session tables chatsdk_session and "
                    + "chatsdk_refresh%s", tables ? "upgraded" : "created", tables ? " to version 2 ("
                    + file(MIGRATION_V2) + ")" : ""));
        } catch (SQLException e) {
            c.rollback();
            if (!exist(c, TABLES) || !exist(c, V2_COLUMNS)) {
                throw e;
            }
        }
    }

    /**
     * @return the DDL of a fresh database, without comments: the versioned migrations shipped for teams that manage
     *         the schema themselves, in order, so the two cannot drift apart
     */
    static String ddl() {
        return statements(MIGRATION) + ";" + statements(MIGRATION_V2);
    }

    /** @return a migration's path inside the module's jar, as operators look for it */
    static String file(String migration) {
        return migration.substring(1);
    }

    /** @return one migration's statements, without comments */
    static String statements(String migration) {
        try (InputStream in = JdbcSchema.class.getResourceAsStream(migration)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replaceAll("(?m)^--.*$", "");
        } catch (IOException e) {
            throw new IllegalStateException("the module jar lacks " + migration, e);
        }
    }
}
