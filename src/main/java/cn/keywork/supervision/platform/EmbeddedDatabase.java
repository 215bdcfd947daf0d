package cn.keywork.supervision.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL per JVM, started on first demand and stopped when the JVM exits. It is
 * shared by every start of the application in the same JVM (tests restart Quarkus per profile).
 */
public final class EmbeddedDatabase {

    static final String DATABASE = "supervision";
    static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static EmbeddedDatabase running;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Starts the database unless this JVM already runs one; answers the running one. */
    public static synchronized EmbeddedDatabase start(Path dataDirectory, int port, boolean ephemeral) {
        if (running != null) {
            return running;
        }
        try {
            Path directory = ephemeral ? Files.createTempDirectory("supervision-pg-") : dataDirectory;
            Files.createDirectories(directory);
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(ephemeral)
                    .setPort(port)
                    .setServerConfig("max_connections", "100")
                    .setRegisterShutdownHook(false)
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, directory);
            database.createApplicationDatabase();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> database.stop(ephemeral), "embedded-postgres-stop"));
            LOG.infof("Embedded PostgreSQL %s on port %d, data in %s (started in %d ms)",
                    ephemeral ? "(ephemeral)" : "", postgres.getPort(), directory,
                    (System.nanoTime() - started) / 1_000_000);
            running = database;
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** Whether this JVM started an embedded database. */
    public static synchronized boolean isRunning() {
        return running != null;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    private void createApplicationDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + DATABASE, e);
        }
    }

    private void stop(boolean deleteData) {
        try {
            postgres.close();
            if (deleteData) {
                try (Stream<Path> files = Files.walk(dataDirectory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
