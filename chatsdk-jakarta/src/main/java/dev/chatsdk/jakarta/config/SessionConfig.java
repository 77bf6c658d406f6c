package dev.chatsdk.jakarta.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Where sessions live and how long ({@code chatsdk.session.*}), with the {@link Jdbc} and {@link Memory} stores'
 * own settings. Immutable; {@link #toString()} prints no secret.
 *
 * @since 0.3
 */
public final class SessionConfig {
    /** A retry comes seconds after the lost response; a longer grace lets a thief's replay pass as one. */
    static final Duration MAX_ROTATION_GRACE = Duration.ofMinutes(5);

    /** Where sessions live: {@code memory} (default) or {@code jdbc}. */
    public static final Setting<SessionStoreType> STORE = Setting.choice("chatsdk.session.store",
            SessionStoreType.MEMORY, SessionStoreType::parse, "CHATSDK-050: %s is '%s'; use memory or jdbc",
            "CHATSDK-050: %s is not set; use memory or jdbc");
    /** How long a spent refresh token still counts as a retry; default {@code PT30S}; 0 disables; at most {@code PT5M}. */
    public static final Setting<Duration> ROTATION_GRACE = Setting.duration("chatsdk.session.rotation-grace",
            Duration.ofSeconds(30)).zeroAllowed().atMost(MAX_ROTATION_GRACE, "a retry comes within seconds, and a "
                    + "thief's replay within the grace passes for one");
    /** Longest life of a session, whatever its rotations; default {@code P30D}; at most {@code P365D}. */
    public static final Setting<Duration> MAX_LIFETIME = Setting.duration("chatsdk.session.max-lifetime",
            Duration.ofDays(30)).atMost(TokenConfig.MAX_SESSION, "a user logs in again at least once a year, and a "
                    + "stolen session ends with it");
    /** Most live sessions of one user in the {@code memory} store; default {@code 50}. */
    public static final Setting<Integer> MAX_PER_USER = Setting.integer("chatsdk.session.max-per-user", 50, 1,
            100_000_000);


    private final SessionStoreType store;
    private final Duration rotationGrace;
    private final Duration maxLifetime;
    private final int maxPerUser;
    private final Jdbc jdbc;
    private final Memory memory;

    private SessionConfig(ConfigValues v) {
        this.store = v.get(STORE);
        this.rotationGrace = v.get(ROTATION_GRACE);
        this.maxLifetime = v.get(MAX_LIFETIME);
        this.maxPerUser = v.get(MAX_PER_USER);
        this.jdbc = new Jdbc(v);
        this.memory = new Memory(v);
    }

    /**
     * @param v the values; this part's problems are added to them
     * @return the part
     */
    public static SessionConfig from(ConfigValues v) {
        SessionConfig c = new SessionConfig(v);
        v.check(ROTATION_GRACE);
        v.check(MAX_LIFETIME);
        v.check(STORE);
        if (c.store == SessionStoreType.MEMORY) {
            v.check(Memory.MAX_SESSIONS);
            v.check(MAX_PER_USER);
        } else if (c.store == SessionStoreType.JDBC) {
            c.jdbc.check(v);
        }
        return c;
    }

    /** @return where sessions live */
    public SessionStoreType store() {
        return store;
    }

    /** @return how long a spent refresh token still counts as a retry */
    public Duration rotationGrace() {
        return rotationGrace;
    }

    /** @return the longest life of a session */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** @return most live sessions of one user in the memory store */
    public int maxPerUser() {
        return maxPerUser;
    }

    /** @return the {@code jdbc} store's settings */
    public Jdbc jdbc() {
        return jdbc;
    }

    /** @return the {@code memory} store's settings */
    public Memory memory() {
        return memory;
    }

    @Override
    public String toString() {
        return "session[store=" + store + ", rotationGrace=" + rotationGrace + ", maxLifetime=" + maxLifetime
                + ", maxPerUser=" + maxPerUser + ", " + jdbc + ", " + memory + "]";
    }

    /** The {@code jdbc} store ({@code chatsdk.session.jdbc.*}). Immutable; never prints the password or URL. */
    public static final class Jdbc {
        /** Upper bound of {@link #TIMEOUT}. */
        public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

        /**
         * JNDI name of the application's DataSource, e.g. {@code java:jboss/datasources/ChatDS}; not
         * {@code java:comp/DefaultDataSource}, which on WildFly and Payara is an embedded H2 that nodes do not share.
         */
        public static final Setting<String> DATASOURCE = Setting.text("chatsdk.session.jdbc.datasource", null);
        /** JDBC URL when no DataSource is named. */
        public static final Setting<String> URL = Setting.text("chatsdk.session.jdbc.url", null);
        /** User for {@link #URL}. */
        public static final Setting<String> USER = Setting.text("chatsdk.session.jdbc.user", null).asFreeText();
        /** Password for {@link #URL}; never printed. */
        public static final Setting<String> PASSWORD = Setting.text("chatsdk.session.jdbc.password", null).asSecret()
                .asFreeText();
        /** Most connections opened at once through {@link #URL}; default {@code 10}. */
        public static final Setting<Integer> MAX_CONNECTIONS = Setting.integer("chatsdk.session.jdbc.max-connections",
                10, 1, 1000);
        /** Longest a store operation waits for the database, then 503; default {@code PT5S}; at most {@code PT1M}. */
        public static final Setting<Duration> TIMEOUT = Setting.duration("chatsdk.session.jdbc.timeout",
                Duration.ofSeconds(5)).atMost(MAX_TIMEOUT, "a request thread waits that long for a silent database");
        /**
         * Whether the store creates its tables when they are missing; default {@code true}. With {@code false} it
         * never runs DDL, and start-up fails ({@code CHATSDK-304}) when a table or a version 2 column is missing.
         */
        public static final Setting<Boolean> CREATE_SCHEMA = Setting.bool("chatsdk.session.jdbc.create-schema", true,
                "CHATSDK-054");

        private final String dataSource;
        private final String url;
        private final String user;
        private final String password;
        private final int maxConnections;
        private final Duration timeout;
        private final boolean createSchema;

        private Jdbc(ConfigValues v) {
            this.dataSource = v.get(DATASOURCE);
            this.url = v.get(URL);
            this.user = v.get(USER);
            this.password = v.get(PASSWORD);
            this.maxConnections = v.get(MAX_CONNECTIONS);
            this.timeout = v.get(TIMEOUT);
            this.createSchema = v.get(CREATE_SCHEMA);
        }

        private void check(ConfigValues v) {
            boolean named = Checks.isSet(dataSource);
            boolean hasUrl = Checks.isSet(url);
            if (named == hasUrl) {
                v.add("CHATSDK-051: '%s=jdbc' needs exactly one of %s and %s; set the JNDI name of your application's "
                        + "DataSource (e.g. java:jboss/datasources/ChatDS), or a JDBC URL", STORE.key(),
                        v.where(DATASOURCE), v.where(URL));
            }
            if (hasUrl && !url.startsWith("jdbc:")) {
                v.add("CHATSDK-052: %s does not start with 'jdbc:'; use a JDBC URL such as "
                        + "jdbc:postgresql://db:5432/app", v.where(URL));
            }
            v.check(MAX_CONNECTIONS);
            v.check(TIMEOUT);
        }

        /** @return the JNDI name of the DataSource; empty unless set */
        public Optional<String> dataSource() {
            return Optional.ofNullable(dataSource);
        }

        /** @return the JDBC URL; empty unless set. It may hold credentials: never log it. */
        public Optional<String> url() {
            return Optional.ofNullable(url);
        }

        /** @return the user for the JDBC URL; empty unless set */
        public Optional<String> user() {
            return Optional.ofNullable(user);
        }

        /** @return the password for the JDBC URL; empty unless set. Never log it. */
        public Optional<String> password() {
            return Optional.ofNullable(password);
        }

        /** @return most connections opened at once through the JDBC URL */
        public int maxConnections() {
            return maxConnections;
        }

        /** @return the longest a store operation waits for the database */
        public Duration timeout() {
            return timeout;
        }

        /** @return whether the store creates its tables when they are missing */
        public boolean createSchema() {
            return createSchema;
        }

        @Override
        public String toString() {
            return "jdbc[dataSource=" + dataSource + ", url=" + (url == null ? null : "<set>") + ", user=" + user
                    + ", password=" + Checks.redacted(password) + ", maxConnections=" + maxConnections + ", timeout="
                    + timeout + ", createSchema=" + createSchema + "]";
        }
    }

    /** The {@code memory} store ({@code chatsdk.session.memory.*}). Immutable. */
    public static final class Memory {
        /** Most sessions the {@code memory} store holds; default {@code 100000}. */
        public static final Setting<Integer> MAX_SESSIONS = Setting.integer("chatsdk.session.memory.max-sessions",
                100_000, 1, 100_000_000);

        private final int maxSessions;

        private Memory(ConfigValues v) {
            this.maxSessions = v.get(MAX_SESSIONS);
        }

        /** @return most sessions the memory store holds */
        public int maxSessions() {
            return maxSessions;
        }

        @Override
        public String toString() {
            return "memory[maxSessions=" + maxSessions + "]";
        }
    }
}
