package cn.keywork.supervision.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The embedded database as the run command starts it: durable, locked down, and clear of orphans. */
class EmbeddedDatabaseTest {

    @TempDir
    static Path home;
    static EmbeddedDatabase database;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.start(home.resolve("pgdata"), 0, false);
    }

    @AfterAll
    static void stop() {
        database.stop();
    }

    @Test
    void a_lasting_database_writes_through_to_disk_before_acknowledging() throws Exception {
        try (Connection connection = asSuperuser(database, "postgres")) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
            assertThat(show(connection, "listen_addresses")).isEqualTo("localhost");
        }
    }

    @Test
    void every_connection_needs_a_password_and_the_service_is_no_superuser() throws Exception {
        assertThatThrownBy(() -> DriverManager.getConnection(url(database, "postgres") + "?user=postgres").close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url(database, "supervision") + "?user=supervision").close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url(database, "postgres"), "postgres", "wrong").close())
                .isInstanceOf(SQLException.class);

        Path passwordFile = EmbeddedDatabase.superuserPasswordFile(database.dataDirectory());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");

        try (Connection service = database.connect("supervision", "supervision", database.servicePassword());
                Statement statement = service.createStatement();
                ResultSet role = statement.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles"
                        + " WHERE rolname = current_user")) {
            role.next();
            assertThat(role.getBoolean(1)).as("superuser").isFalse();
            assertThat(role.getBoolean(2)).as("may create roles").isFalse();
            assertThat(role.getBoolean(3)).as("may create databases").isFalse();
            statement.execute("CREATE TABLE service_owned (id int)");
            statement.execute("DROP TABLE service_owned");
        }
    }

    @Test
    void a_data_directory_of_the_earlier_version_is_locked_down_in_place() throws Exception {
        Path data = home.resolve("earlier/pgdata");
        // As the earlier version left it: initdb's trust for every local user, everything owned by the superuser.
        EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
        try (Connection connection = earlier.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE supervision ENCODING 'UTF8' TEMPLATE template0");
        }
        try (Connection connection = earlier.getDatabase("postgres", "supervision").getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE org_unit (id bigserial PRIMARY KEY, code text)");
            statement.execute("INSERT INTO org_unit (code) VALUES ('DCS')");
        }
        stopLikeTheEarlierVersion(earlier, data);

        EmbeddedDatabase upgraded = EmbeddedDatabase.start(data, 0, false);
        try {
            assertThatThrownBy(() -> DriverManager.getConnection(url(upgraded, "supervision") + "?user=postgres").close())
                    .isInstanceOf(SQLException.class);
            try (Connection service = upgraded.connect("supervision", "supervision", upgraded.servicePassword());
                    Statement statement = service.createStatement()) {
                statement.execute("INSERT INTO org_unit (code) VALUES ('FGW')");
                statement.execute("ALTER TABLE org_unit ADD COLUMN name text");
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM org_unit")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(2);
                }
            }
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust");
        } finally {
            upgraded.stop();
        }
    }

    @Test
    void a_server_left_running_by_a_killed_service_is_stopped_at_the_next_start() throws Exception {
        Path data = home.resolve("orphaned/pgdata");
        EmbeddedDatabase first = EmbeddedDatabase.start(data, 0, false);
        long orphan = first.postmaster().orElseThrow().pid();
        forgetWithoutStopping(first);

        EmbeddedDatabase next = EmbeddedDatabase.start(data, 0, false);
        try {
            assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(next.postmaster().orElseThrow().pid()).isNotEqualTo(orphan);
            try (Connection service = next.connect("supervision", "supervision", next.servicePassword());
                    Statement statement = service.createStatement();
                    ResultSet one = statement.executeQuery("SELECT 1")) {
                assertThat(one.next()).isTrue();
            }
        } finally {
            next.stop();
        }
    }

    /**
     * What a SIGKILL of the service leaves behind: the postmaster runs on, the data directory's file lock
     * is released by the operating system, and nothing in the new process knows the old one.
     */
    private static void forgetWithoutStopping(EmbeddedDatabase database) throws Exception {
        Field server = EmbeddedDatabase.class.getDeclaredField("postgres");
        server.setAccessible(true);
        EmbeddedPostgres postgres = (EmbeddedPostgres) server.get(database);
        Field lock = EmbeddedPostgres.class.getDeclaredField("lock");
        lock.setAccessible(true);
        ((FileLock) lock.get(postgres)).release();
        Field lockStream = EmbeddedPostgres.class.getDeclaredField("lockStream");
        lockStream.setAccessible(true);
        ((FileOutputStream) lockStream.get(postgres)).close();
        Field running = EmbeddedDatabase.class.getDeclaredField("RUNNING");
        running.setAccessible(true);
        synchronized (EmbeddedDatabase.class) {
            ((java.util.Map<?, ?>) running.get(null)).values().remove(database);
        }
    }

    private static void stopLikeTheEarlierVersion(EmbeddedPostgres earlier, Path data) throws Exception {
        var postmaster = EmbeddedDatabase.postmasterOf(data).orElseThrow();
        earlier.close();
        // Run as root, zonky's pg_ctl stop does nothing: stop it as a supervisor would.
        if (postmaster.isAlive()) {
            assertThat(EmbeddedDatabase.shutDown(postmaster)).isTrue();
        }
    }

    private static Connection asSuperuser(EmbeddedDatabase database, String name) throws Exception {
        String password = Files.readString(EmbeddedDatabase.superuserPasswordFile(database.dataDirectory())).trim();
        return database.connect(name, "postgres", password);
    }

    private static String url(EmbeddedDatabase database, String name) {
        return "jdbc:postgresql://localhost:" + database.port() + "/" + name;
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet value = statement.executeQuery("SHOW " + setting)) {
            value.next();
            return value.getString(1);
        }
    }
}
