package cn.keywork.supervision.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL the service starts itself when no database is configured: one per data directory
 * and JVM, started on first demand and stopped when the JVM exits. Durable (fsync and synchronous
 * commit on, unless ephemeral), reachable on localhost only, and with password (SCRAM) authentication:
 * the superuser's password is kept in a file readable by the owner only, beside the data; the service
 * connects as the role {@value #SERVICE_ROLE}, which owns the application database but is no superuser.
 * A server left running by a killed service is stopped at the next start; one that dies under the
 * running service is started again by {@link #restartIfStopped()}.
 */
public final class EmbeddedDatabase {

    static final String DATABASE = "supervision";
    static final String SUPERUSER = "postgres";
    static final String SERVICE_ROLE = "supervision";
    static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    /** Running databases by data directory; the ephemeral one under the key {@code null}. */
    private static final Map<Path, EmbeddedDatabase> RUNNING = new HashMap<>();
    /** The database the application of this JVM was last pointed at. */
    private static volatile EmbeddedDatabase serving;

    private final Path dataDirectory;
    private final boolean ephemeral;
    private final String superuserPassword;
    private final String servicePassword = Secrets.generate(32);
    private final Thread shutdownHook;
    private volatile int port;
    private volatile boolean stopping;
    private volatile EmbeddedPostgres postgres;
    /** The server processes last seen, to wait for their end before starting again. */
    private volatile Set<ProcessHandle> lastSeenProcesses = Set.of();

    private EmbeddedDatabase(Path dataDirectory, int port, boolean ephemeral, String superuserPassword) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.ephemeral = ephemeral;
        this.superuserPassword = superuserPassword;
        this.shutdownHook = new Thread(this::stopQuietly, "embedded-postgres-stop");
    }

    /** Starts the database on {@code dataDirectory} unless this JVM already runs it; answers the running one. */
    public static synchronized EmbeddedDatabase start(Path dataDirectory, int port, boolean ephemeral) {
        Path key = ephemeral ? null : dataDirectory.toAbsolutePath().normalize();
        EmbeddedDatabase running = RUNNING.get(key);
        if (running != null) {
            return running;
        }
        try {
            Path directory = ephemeral ? Files.createTempDirectory("supervision-pg-").resolve("pgdata") : key;
            Secrets.createPrivateDirectories(directory.getParent());
            long started = System.nanoTime();
            stopOrphan(directory);
            EmbeddedDatabase database = new EmbeddedDatabase(directory, port, ephemeral,
                    Secrets.readOrCreate(superuserPasswordFile(directory), 32));
            database.startServer();
            database.secure();
            Runtime.getRuntime().addShutdownHook(database.shutdownHook);
            LOG.infof("Embedded PostgreSQL%s on localhost:%d, data in %s (started in %d ms)",
                    ephemeral ? " (ephemeral)" : "", database.port, directory, (System.nanoTime() - started) / 1_000_000);
            RUNNING.put(key, database);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** Whether this JVM started an embedded database. */
    public static synchronized boolean isRunning() {
        return !RUNNING.isEmpty();
    }

    /** The embedded database the application was pointed at, if any. */
    public static Optional<EmbeddedDatabase> serving() {
        return Optional.ofNullable(serving);
    }

    void serve() {
        serving = this;
    }

    /** The file holding the superuser's password: beside the data directory, readable by its owner only. */
    public static Path superuserPasswordFile(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + "-superuser-password");
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The password of the service's role; changed at every start, kept in memory only. */
    String servicePassword() {
        return servicePassword;
    }

    /** The postmaster's process id, from its lock file, while it runs. */
    public Optional<ProcessHandle> postmaster() {
        return postmasterOf(dataDirectory).filter(ProcessHandle::isAlive);
    }

    /**
     * Starts the server again, on the same port and data, if its postmaster is gone; answers whether it
     * had to. Meant to be called every few seconds, off the event loop.
     */
    public synchronized boolean restartIfStopped() {
        if (stopping) {
            return false;
        }
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isPresent()) {
            lastSeenProcesses = Stream.concat(Stream.of(postmaster.get()), postmaster.get().descendants())
                    .collect(Collectors.toUnmodifiableSet());
            return false;
        }
        LOG.warnf("Embedded PostgreSQL on port %d stopped unexpectedly; starting it again", port);
        long started = System.nanoTime();
        closeQuietly();
        // Server processes that outlived their postmaster still hold its shared memory: a new
        // postmaster refuses to start until they are gone. They leave by themselves within moments.
        for (ProcessHandle process : lastSeenProcesses) {
            awaitExit(process, Duration.ofSeconds(10));
            process.destroyForcibly();
        }
        try {
            startServer();
            LOG.infof("Embedded PostgreSQL on port %d serves again (restarted in %d ms)", port,
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "Could not restart the embedded PostgreSQL; trying again shortly");
            return false;
        }
    }

    /** Stops the server (and removes the data of an ephemeral one); for the end of the JVM and for tests. */
    public void stop() {
        synchronized (EmbeddedDatabase.class) {
            RUNNING.values().remove(this);
            if (serving == this) {
                serving = null;
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
        stopQuietly();
    }

    private void stopQuietly() {
        stopping = true;
        closeQuietly();
        if (ephemeral) {
            try (Stream<Path> files = Files.walk(dataDirectory.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                LOG.warn("Could not remove the ephemeral database", e);
            }
        }
    }

    private synchronized void closeQuietly() {
        Optional<ProcessHandle> postmaster = postmaster();
        try {
            if (postgres != null) {
                // Releases the data directory's lock; its pg_ctl stop does nothing when run as root.
                postgres.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
        if (postmaster.isPresent() && postmaster.get().isAlive() && !shutDown(postmaster.get())) {
            LOG.warnf("Embedded PostgreSQL (pid %d) did not stop", postmaster.get().pid());
        }
    }

    private synchronized void startServer() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setConnectConfig("password", superuserPassword)
                .setRegisterShutdownHook(false);
        if (!ephemeral) {
            // zonky passes -F and turns synchronous commits off, for speed in tests; given here they
            // come later on the command line and win: an acknowledged write survives a crash.
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        postgres = builder.start();
        port = postgres.getPort();
    }

    /**
     * Passwords, the service's role and database, and the access rules: idempotent, so that it also
     * brings a data directory of an earlier version (open to every local user) up to date. A fresh
     * one is open (initdb's trust) only until this has run, on localhost, and empty.
     */
    private void secure() {
        try (Connection connection = connect("postgres", SUPERUSER, superuserPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + superuserPassword + "'");
            try (ResultSet role = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + SERVICE_ROLE + "'")) {
                if (!role.next()) {
                    statement.execute("CREATE ROLE " + SERVICE_ROLE);
                }
            }
            statement.execute("ALTER ROLE " + SERVICE_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                    + " NOBYPASSRLS PASSWORD '" + servicePassword + "'");
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + SERVICE_ROLE
                            + " ENCODING 'UTF8' TEMPLATE template0");
                } else {
                    statement.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + SERVICE_ROLE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the embedded database's roles (is "
                    + superuserPasswordFile(dataDirectory) + " the one written with this data?)", e);
        }
        handOverToServiceRole();
        restrictAccess();
    }

    /** Objects that an earlier version created as the superuser pass to the service's role, which migrates them. */
    private void handOverToServiceRole() {
        try (Connection connection = connect(DATABASE, SUPERUSER, superuserPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    DO $$
                    DECLARE item record;
                    BEGIN
                        FOR item IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                                JOIN pg_namespace n ON n.oid = c.relnamespace
                                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                                AND c.relowner <> '%1$s'::regrole
                                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
                        LOOP
                            EXECUTE format(CASE item.relkind WHEN 'S' THEN 'ALTER SEQUENCE %%s OWNER TO %1$s'
                                    WHEN 'm' THEN 'ALTER MATERIALIZED VIEW %%s OWNER TO %1$s'
                                    ELSE 'ALTER TABLE %%s OWNER TO %1$s' END, item.name);
                        END LOOP;
                        FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p
                                JOIN pg_namespace n ON n.oid = p.pronamespace
                                WHERE n.nspname = 'public' AND p.proowner <> '%1$s'::regrole
                                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
                        LOOP
                            EXECUTE format('ALTER ROUTINE %%s OWNER TO %1$s', item.name);
                        END LOOP;
                        FOR item IN SELECT t.oid::regtype AS name FROM pg_type t
                                JOIN pg_namespace n ON n.oid = t.typnamespace
                                WHERE n.nspname = 'public' AND t.typowner <> '%1$s'::regrole
                                AND t.typtype IN ('e', 'd', 'c') AND (t.typrelid = 0 OR t.typtype <> 'c')
                                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
                        LOOP
                            EXECUTE format('ALTER TYPE %%s OWNER TO %1$s', item.name);
                        END LOOP;
                    END $$""".formatted(SERVICE_ROLE));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not hand the embedded database's objects to the role " + SERVICE_ROLE, e);
        }
    }

    /** Password (SCRAM) authentication for every connection, local ones only; applied by a reload. */
    private void restrictAccess() {
        Path rules = dataDirectory.resolve("pg_hba.conf");
        String wanted = """
                # Written by the key-work supervision service at every start of its embedded database:
                # connections from this machine only, each with a password (SCRAM). The superuser's
                # password is in %s.
                local   all   all                  scram-sha-256
                host    all   all   127.0.0.1/32   scram-sha-256
                host    all   all   ::1/128        scram-sha-256
                """.formatted(superuserPasswordFile(dataDirectory));
        try {
            if (Files.exists(rules) && Files.readString(rules, StandardCharsets.UTF_8).equals(wanted)) {
                return;
            }
            Files.writeString(rules, wanted, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + rules, e);
        }
        try (Connection connection = connect("postgres", SUPERUSER, superuserPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
            try (ResultSet errors = statement.executeQuery("SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL")) {
                errors.next();
                if (errors.getInt(1) > 0) {
                    throw new IllegalStateException("The embedded database refused its access rules in " + rules);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply the embedded database's access rules", e);
        }
        LOG.infof("Embedded PostgreSQL: password authentication on, local connections only");
    }

    Connection connect(String database, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, properties);
    }

    /**
     * A postmaster that a killed service left running on this data directory would keep the next start
     * from starting its own: stop it (fast shutdown) and wait for it. A dead one's lock file is stale,
     * which PostgreSQL itself sees.
     */
    static void stopOrphan(Path dataDirectory) {
        Optional<ProcessHandle> orphan = postmasterOf(dataDirectory).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        LOG.warnf("Stopping PostgreSQL (pid %d) left running on %s by an earlier start", postmaster.pid(), dataDirectory);
        if (!shutDown(postmaster)) {
            throw new IllegalStateException("PostgreSQL (pid " + postmaster.pid() + ") still runs on " + dataDirectory);
        }
    }

    /**
     * Fast shutdown (SIGINT: sessions end, a checkpoint is written), by signal because pg_ctl refuses
     * to run as root; answers whether the postmaster is gone.
     */
    static boolean shutDown(ProcessHandle postmaster) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            postmaster.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return awaitExit(postmaster, Duration.ofSeconds(60));
    }

    /** The process named in the data directory's lock file, if that file names this very directory. */
    static Optional<ProcessHandle> postmasterOf(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(lockFile, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !Path.of(lines.get(1).trim()).toAbsolutePath().normalize()
                    .equals(dataDirectory.toAbsolutePath().normalize())) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        }
    }
}
