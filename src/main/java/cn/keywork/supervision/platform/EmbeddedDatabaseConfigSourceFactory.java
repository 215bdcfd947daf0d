package cn.keywork.supervision.platform;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Starts the embedded PostgreSQL before the datasources are created, when and only when no
 * database is configured, and hands its addresses to both clients (reactive for the service, JDBC
 * for Flyway). A configured {@code quarkus.datasource.reactive.url} means an external database:
 * then nothing is started.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String SIGN_KEY_LOCATION = "smallrye.jwt.sign.key.location";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String DEMO_PASSWORD = "supervision.demo.password";
    /** Above environment variables: the embedded database's own addresses must win. */
    private static final int CONNECTION_ORDINAL = 500;
    /** Below application.properties: only a default. */
    private static final int DEFAULTS_ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isPackaging()) {
            return List.of();
        }
        String reactiveUrl = value(context, REACTIVE_URL);
        if (!wantsEmbedded(reactiveUrl)) {
            String derived = value(context, JDBC_URL) == null ? jdbcUrlOf(reactiveUrl) : null;
            return derived == null ? List.of()
                    : List.of(new PropertiesConfigSource(Map.of(JDBC_URL, derived), "jdbc-url-from-reactive-url", DEFAULTS_ORDINAL));
        }
        String configuredDir = value(context, "supervision.database.embedded.data-dir");
        Path dataDir = configuredDir != null ? Path.of(configuredDir)
                : Path.of(System.getProperty("user.home"), ".key-work-supervision", "pgdata");
        String port = value(context, "supervision.database.embedded.port");
        boolean ephemeral = Boolean.parseBoolean(value(context, "supervision.database.embedded.ephemeral"));

        boolean earlierData = !ephemeral && DemoPassword.holdsData(dataDir);
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, port == null ? 0 : Integer.parseInt(port), ephemeral);
        database.serve();
        String hostAndDb = "localhost:" + database.port() + "/" + EmbeddedDatabase.DATABASE;
        Map<String, String> defaults = new HashMap<>();
        defaults.put("supervision.demo.enabled", "true");
        // The demo accounts' password is published nowhere, and the service answers on this machine
        // only, until an address is configured (QUARKUS_HTTP_HOST).
        // Whether the demo is on cannot be told here (the settings' own default answers "false"), so
        // the password is always settled: it costs a file beside the data.
        defaults.put(DEMO_PASSWORD, DemoPassword.of(Optional.ofNullable(value(context, DEMO_PASSWORD)),
                database.dataDirectory(), earlierData));
        defaults.put("quarkus.http.host", "127.0.0.1");
        defaults.put("quarkus.management.host", "127.0.0.1");
        defaults.put("supervision.audit.default-key-directory", database.dataDirectory().resolveSibling(database.dataDirectory().getFileName() + "-keys").toString());
        if (value(context, SIGN_KEY_LOCATION) == null) {
            // Beside the database's data, so that tokens survive a restart along with the accounts.
            SigningKeyFiles keys = SigningKeyFiles.in(database.dataDirectory().resolveSibling(
                    database.dataDirectory().getFileName() + "-keys"));
            defaults.put(SIGN_KEY_LOCATION, keys.privateKey.toUri().toString());
            defaults.put("mp.jwt.verify.publickey.location", keys.publicKey.toUri().toString());
        }
        return List.of(
                new PropertiesConfigSource(Map.of(
                        REACTIVE_URL, "postgresql://" + hostAndDb,
                        JDBC_URL, "jdbc:postgresql://" + hostAndDb,
                        "quarkus.datasource.username", EmbeddedDatabase.SERVICE_ROLE,
                        "quarkus.datasource.password", database.servicePassword()),
                        "embedded-postgresql", CONNECTION_ORDINAL),
                new PropertiesConfigSource(defaults, "embedded-postgresql-defaults", DEFAULTS_ORDINAL));
    }

    /**
     * The schema migrations' JDBC address, derived from the service's reactive one when only that is
     * given ({@code postgresql://db:5432/supervision} → {@code jdbc:postgresql://db:5432/supervision});
     * null when it carries credentials, which JDBC URLs do not take in that form.
     */
    static String jdbcUrlOf(String reactiveUrl) {
        String url = reactiveUrl.trim();
        for (String scheme : List.of("postgresql://", "postgres://")) {
            if (url.startsWith(scheme)) {
                String rest = url.substring(scheme.length());
                int slash = rest.indexOf('/');
                String authority = slash < 0 ? rest : rest.substring(0, slash);
                return authority.contains("@") ? null : "jdbc:postgresql://" + rest;
            }
        }
        return null;
    }

    /** The rule in one place: an embedded database exactly when no reactive URL is configured. */
    static boolean wantsEmbedded(String configuredReactiveUrl) {
        return configuredReactiveUrl == null || configuredReactiveUrl.isBlank();
    }

    /**
     * Quarkus also reads configuration while it builds the application, and would record the
     * embedded database's address of that moment as a default in the package. During the build this
     * class is loaded by Quarkus' deployment class loader (in every mode); at run time it never is.
     */
    private boolean isPackaging() {
        return String.valueOf(getClass().getClassLoader()).contains("Deployment Class Loader");
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
