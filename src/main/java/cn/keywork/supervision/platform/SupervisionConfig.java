package cn.keywork.supervision.platform;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The service's own settings, under the prefix {@code supervision}. */
@ConfigMapping(prefix = "supervision")
public interface SupervisionConfig {

    /** The time zone the city works in: months, quarters and deadlines are counted there. */
    @WithDefault("Asia/Shanghai")
    ZoneId timeZone();

    Database database();

    Demo demo();

    Idempotency idempotency();

    Security security();

    Tasks tasks();

    Audit audit();

    /** The slips (R7–R9). */
    Slips slips();

    /** The quarterly briefing (R10). */
    Briefings briefings();

    /** The monthly, quarterly and yearly cycles (R10, R13). */
    Cycles cycles();

    /** The public evaluation (R14, R15): rounds, panels and their closing. */
    Evaluation evaluation();
    /** Objections and the annual assessment (R16). */
    Assessment assessment();
    /** The posting of bonus and deduction points from the event log (R16). */
    Points points();

    interface Cycles {
        /** Whether the schedules and the tick start runs; off, runs start only by hand (tests drive the engine). */
        @WithDefault("true")
        boolean enabled();

        /** How long a claimed run belongs to its instance without a heartbeat; renewed before each step. */
        @WithDefault("PT2M")
        Duration lease();

        /** How often waiting and abandoned runs are resumed and missed periods caught up ({@code off} disables it). */
        @WithDefault("1m")
        String tick();

        /** How far back missed periods are caught up (an ISO period, {@code P3M}). */
        @WithDefault("P3M")
        String catchUpHorizon();

        /** Days before the reporting deadline from which the monthly run reminds units without a report. */
        @WithDefault("3")
        int remindDaysBefore();

        /** This instance's name as the owner of the runs it claims; host name and a random suffix by default. */
        java.util.Optional<String> instanceId();

        Monthly monthly();

        Quarterly quarterly();

        Yearly yearly();

        interface Monthly {
            /** Quartz cron in Asia/Shanghai: the 26th, after the default reporting deadline day 25. */
            @WithDefault("0 30 0 26 * ?")
            String cron();

            /** Whether the monthly run publishes the ledger it froze; by default the office publishes by hand. */
            @WithDefault("false")
            boolean autoPublish();
        }

        interface Quarterly {
            /** Quartz cron: the first three days after a quarter; the run starts on the first working day of them. */
            @WithDefault("0 30 1 1-3 1,4,7,10 ?")
            String cron();
        }

        interface Yearly {
            /** Quartz cron: 20 December. */
            @WithDefault("0 0 2 20 12 ?")
            String cron();
        }
    }

    /** Notifications and their delivery by e-mail and SMS. */
    Notifications notifications();

    interface Notifications {
        /**
         * The channels notifications go out by: {@code in-app} (the inbox, always on), {@code email}
         * (Quarkus Mailer, to the account's e-mail address), {@code sms} (to its mobile number).
         */
        @WithDefault("in-app")
        java.util.List<String> channels();

        /** How often the delivery worker sends due deliveries ({@code 10s}; {@code off} disables the schedule). */
        @WithDefault("10s")
        String deliverEvery();

        /** Deliveries one worker run claims. */
        @WithDefault("50")
        int batchSize();

        /** How long a claimed delivery belongs to its worker; a row still SENDING after it is left over by a crash. */
        @WithDefault("PT2M")
        Duration lease();

        /** Attempts of one delivery before it is FAILED. */
        @WithDefault("5")
        int maxAttempts();

        /** Wait after the first failed attempt; doubled after each further one. */
        @WithDefault("PT30S")
        Duration backoff();

        /** The longest wait between two attempts. */
        @WithDefault("PT1H")
        Duration maxBackoff();

        /** The sender of notification e-mails. */
        @WithDefault("noreply@keywork.example.gov.cn")
        String emailFrom();
    }

    /** The anonymous disclosure under {@code /api/v1/public/} (R12, R13). */
    @WithName("public")
    Disclosure disclosure();

    interface Disclosure {
        /** Requests one client address may send to the public operations per minute (429 beyond). */
        @WithDefault("120")
        int requestsPerMinutePerAddress();

        /** How long portals and caches may keep a public answer ({@code Cache-Control: max-age}). */
        @WithDefault("PT300S")
        Duration maxAge();

        /**
         * How long an instance keeps a public ledger page it has answered before reading it again (0: not
         * kept); publishing a month empties the publishing instance's copies at once.
         */
        @WithDefault("PT10S")
        Duration serverCache();
    }

    Evidence evidence();

    Http http();

    /** Request bodies. */
    interface Http {
        /**
         * Largest body of any request but an evidence upload (413 beyond); uploads are bound by
         * {@code quarkus.http.limits.max-body-size}, which must stay above this and above the evidence file size.
         */
        @WithDefault("10M")
        MemorySize maxBodySize();
    }

    /** Photos and documents attached as evidence (R13). */
    interface Evidence {
        /** Largest file accepted (413 beyond); the HTTP body limit must leave room for it. */
        @WithDefault("20M")
        MemorySize maxFileSize();

        /** Files one report may hold (409 beyond). */
        @WithDefault("30")
        int maxPerReport();

        /** Largest image accepted, as width × height declared in its header, checked before decoding (400 beyond). */
        @WithDefault("50000000")
        long maxPixels();

        /** Images decoded at the same time (thumbnails and public copies); further uploads wait their turn. */
        @WithDefault("2")
        int concurrentDecodes();
    }

    interface Database {
        Embedded embedded();
    }

    /**
     * The PostgreSQL started by the service itself when no database is configured
     * ({@code QUARKUS_DATASOURCE_REACTIVE_URL} unset). Read before start-up by
     * {@link EmbeddedDatabaseConfigSourceFactory}; declared here so the keys are documented and checked.
     */
    interface Embedded {
        /** Where the data lives; kept across restarts. Default: {@code ~/.key-work-supervision/pgdata}. */
        Optional<String> dataDir();

        /** TCP port on localhost; 0 picks a free one at each start. */
        @WithDefault("0")
        int port();

        /** A throw-away database in a temporary directory, removed when the JVM exits (tests). */
        @WithDefault("false")
        boolean ephemeral();
    }

    interface Demo {
        /**
         * Load the demo city and its accounts on the first start (only into an empty database). On
         * by default only when the embedded database is in use; off otherwise unless set.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * The password of every demo account ({@code SUPERVISION_DEMO_PASSWORD}). Unset on the embedded
         * default: generated at the first start and kept beside the data ({@link DemoPassword}); unset
         * with an external database: {@value #PUBLISHED_PASSWORD}.
         */
        Optional<String> password();

        String PUBLISHED_PASSWORD = "Demo-Password-2026";
    }

    interface Security {
        /** Issuer of the service's own access tokens ({@code iss}). */
        @WithDefault("key-work-supervision")
        String issuer();

        /** Lifetime of an access token. */
        @WithDefault("PT15M")
        Duration accessTokenLifetime();

        /** Lifetime of a refresh token (and so of a sign-in without activity). */
        @WithDefault("PT8H")
        Duration refreshTokenLifetime();

        /** Failed sign-ins in a row from one client address that lock the account for that address. */
        @WithDefault("5")
        int maxFailedLogins();

        /** How long an account stays locked for that address. */
        @WithDefault("PT15M")
        Duration lockout();

        /**
         * Failed sign-ins from all addresses together that lock the account for every address: a
         * slower back-off, so guessing from many addresses is still bounded.
         */
        @WithDefault("20")
        int maxFailedLoginsPerAccount();

        /** How long that lock lasts; short, since it also locks the owner out. */
        @WithDefault("PT2M")
        Duration accountLockout();

        /** How far in the future a token's {@code iat} or {@code nbf} may lie (clocks disagree a little). */
        @WithDefault("PT60S")
        Duration clockSkew();

        /**
         * How long an instance may rely on what it last read of an account's token cut-off (set at
         * sign-out, deactivation, role, unit or password change): the longest an old access token
         * keeps working afterwards on another instance. Zero reads it on every request.
         */
        @WithDefault("PT5S")
        Duration revocationCheckInterval();

        /** Sign-in attempts allowed per username per minute, and per client address per minute. */
        @WithDefault("10")
        int loginsPerUsernamePerMinute();

        @WithDefault("30")
        int loginsPerAddressPerMinute();

        PasswordHash passwordHash();

        Bootstrap bootstrap();

        External external();
    }

    /**
     * A city single sign-on whose tokens are accepted besides the service's own. Off unless
     * {@code issuer} is set; then {@code public-key-location} (PEM or JWKS, file, class path or URL)
     * is required.
     */
    interface External {
        Optional<String> issuer();

        Optional<String> publicKeyLocation();

        /** The claim holding the role names (this service's names). */
        @WithDefault("groups")
        String rolesClaim();

        /** The claim holding the unit's id. */
        @WithDefault("unit")
        String unitClaim();

        /** The audience to require, if any. */
        Optional<String> audience();
    }

    /** Argon2id parameters; the defaults follow OWASP's recommendation (19 MiB, 2 passes). */
    interface PasswordHash {
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();
    }

    interface Bootstrap {
        /**
         * The first ADMIN's one-time password when no ADMIN exists; if unset, one is generated and
         * written once to the log. Either way it must be changed at first sign-in.
         */
        Optional<String> adminPassword();
    }

    /** The key-task register (R1, R2). */
    interface Tasks {
        /** Ten key projects a year (十项重点工程). */
        @WithDefault("10")
        int keyProjectsPerYear();

        /** Ten livelihood matters a year (十件民生实事). */
        @WithDefault("10")
        int livelihoodMattersPerYear();

        /** One topic per county a year (一县一题). */
        @WithDefault("1")
        int countyTopicsPerUnitPerYear();

        CodePrefix codePrefix();

        /**
         * When units may declare and submit the year's tasks, as {@code MM-DD/MM-DD} within the task's
         * year (e.g. {@code 01-01/03-31}); open all year when unset. The office is not bound by it.
         */
        Optional<String> declarationWindow();

        /** Bulk declaration uploads ({@code supervision.tasks.import.*}). */
        @WithName("import")
        Import imports();
    }

    /**
     * The work one bulk declaration upload may cause, besides its bytes ({@code quarkus.http.limits.max-body-size}).
     * Beyond either limit the upload is refused with 413.
     */
    interface Import {
        /** Rows of data (with content) per upload. */
        @WithDefault("2000")
        int maxRows();

        /** The XML an XLSX package may unpack to, all its parts together (against ZIP bombs). */
        @WithDefault("64M")
        MemorySize maxUnpackedSize();
    }

    /** The middle part of task codes per category: {@code 2026-GC-03}. */
    interface CodePrefix {
        @WithDefault("GC")
        String keyProject();

        @WithDefault("MS")
        String livelihood();

        @WithDefault("YT")
        String countyTopic();

        @WithDefault("HY")
        String meetingDecision();

        @WithDefault("PS")
        String leaderInstruction();

        @WithDefault("QT")
        String other();
    }

    interface Audit {
        /** How long audit events are kept before the pruning job may remove them (at least 180 days). */
        @WithDefault("P400D")
        Duration retention();

        /**
         * Requests refused for lack of a valid token are kept as one event per client address and
         * interval, with their count (the scheduled flush uses {@code supervision.audit.anonymous-refusal-interval}).
         */
        @WithDefault("PT1M")
        Duration anonymousRefusalInterval();

        /**
         * The secret (Base64, at least 32 bytes; file path, {@code file:} or {@code classpath:}) that keys
         * the chain's HMAC. Keep it off the database host. Required unless {@code default-key-directory} is set.
         */
        Optional<String> chainKeyLocation();

        /**
         * The RSA private key (PKCS #8 PEM; file path, {@code file:} or {@code classpath:}) that signs
         * checkpoints. Required unless {@code default-key-directory} is set.
         */
        Optional<String> checkpointKeyLocation();

        /** How often a signed checkpoint is published (at most a day). */
        @WithDefault("PT1H")
        Duration checkpointInterval();

        /**
         * Where keys not configured above are generated and kept; set by the embedded database default
         * only, so that production refuses to start without configured keys.
         */
        Optional<String> defaultKeyDirectory();
    }

    interface Slips {
        /** The prefixes of the official numbers, {@code 督催〔2026〕3号}. */
        Prefix prefix();

        interface Prefix {
            @WithDefault("督交")
            String assignment();

            @WithDefault("督催")
            String urging();

            @WithDefault("督办")
            String supervision();
        }

        /** An issued slip not acknowledged this many hours after issue is overdue. */
        @WithDefault("48")
        int acknowledgeWithinHours();

        /** How many of the latest months of figures a slip's evidence snapshot holds. */
        @WithDefault("3")
        int evidenceMonths();

        /** The roles supervision orders are copied to (names of Role). */
        @WithDefault("ASSESSMENT,LEADING_GROUP")
        java.util.List<String> copyRoles();

        /** The office that issues the slips: it heads and signs the printed slip. */
        @WithDefault("市重点工作督查室")
        String issuingOffice();

        /** The response deadline proposals suggest, in days from today. */
        @WithDefault("10")
        int responseDays();

        /**
         * How often the overdue scan stamps the slips that became overdue and appends their
         * {@code slip.overdue} events ({@code 5m}, {@code 1h}; {@code off} disables the schedule).
         */
        @WithDefault("5m")
        String overdueScanEvery();
    }

    interface Briefings {
        /**
         * How many rows each list of a briefing's data holds at most (completed and lagging tasks,
         * problems); the totals count them all.
         */
        @WithDefault("200")
        int listLimit();
    }

    interface Idempotency {
        /** How long an Idempotency-Key and its answer are kept (at least 24 hours). */
        @WithDefault("PT48H")
        Duration retention();
    }

    interface Evaluation {
        /** The smallest panel a round's subject may be scored by, unless the round says otherwise. */
        @WithDefault("5")
        int minPanel();

        /** Whether the scan closes the rounds in SCORING whose scoring deadline has passed. */
        @WithDefault("true")
        boolean closeAfterScoring();

        /** How often the scan looks for rounds to close ({@code 10m}, {@code 1h}; {@code off} disables the schedule). */
        @WithDefault("10m")
        String scanEvery();
    }
    /** Inquiries 质询 of the public-evaluation rounds (R14). */
    Inquiries inquiries();

    interface Inquiries {
        /** Days a unit has to answer an inquiry addressed to it. */
        @WithDefault("5")
        int answerDays();

        /**
         * How often unanswered inquiries past their due time are flagged overdue and announced
         * ({@code evaluation.inquiry_overdue}; {@code off} disables the schedule).
         */
        @WithDefault("10m")
        String scanEvery();
    }

    /** Opinions of the public on published tasks (R15). */
    Opinions opinions();

    interface Opinions {
        /** Opinions one client address may leave per hour, all tasks together (429 beyond). */
        @WithDefault("5")
        int perAddressPerHour();
    }

    interface Assessment {
        /** Days within which a unit may object to an entry whose rule book does not say (a manual entry without one). */
        @WithDefault("15")
        int objectionDays();
    }

    interface Points {
        /** Whether the schedule posts points; off, the consumer runs only when called (tests drive it). */
        @WithDefault("true")
        boolean enabled();

        /** How often the consumer posts the events committed since its cursor ({@code off} disables it). */
        @WithDefault("10s")
        String postEvery();

        /** How many events one transaction of the consumer reads and posts. */
        @WithDefault("1000")
        int batchSize();

        /** How long the consumer's claim on the cursor lasts; another instance takes over after it. */
        @WithDefault("PT1M")
        Duration lease();
    }

    /** The event feed and its live stream. */
    Events events();

    interface Events {
        /** How long the server keeps one live stream open; the client then reconnects with {@code Last-Event-ID}. */
        @WithDefault("PT5M")
        Duration streamDuration();

        /** How often an open live stream looks for newly committed events. */
        @WithDefault("PT1S")
        Duration streamPoll();

        /** How often an idle live stream sends a comment line, so proxies keep the connection open. */
        @WithDefault("PT15S")
        Duration streamHeartbeat();
    }

    /** Webhook subscriptions and their signed deliveries (scripted integration). */
    Webhooks webhooks();

    interface Webhooks {
        /** Whether the schedules fan out and deliver; off, both run only when called (tests drive them). */
        @WithDefault("true")
        boolean enabled();

        /** How often new events are fanned out to the subscriptions and due deliveries sent ({@code off} disables it). */
        @WithDefault("5s")
        String every();

        /** Whether subscriptions may use plain {@code http} URLs (never in production). */
        @WithDefault("false")
        boolean allowHttp();

        /**
         * {@code host:port} pairs (comma-separated) a subscription may reach although the host is or
         * resolves to a loopback, private, link-local or otherwise internal address.
         */
        Optional<java.util.List<String>> allowList();

        /** How long one delivery attempt may take, connection included. */
        @WithDefault("PT10S")
        Duration timeout();

        /** The backoff of the first retry: the n-th waits a random time up to base × 2^(n−1) (full jitter). */
        @WithDefault("PT5S")
        Duration retryBase();

        /** The longest wait between two attempts. */
        @WithDefault("PT1H")
        Duration retryMax();

        /** How long after its first attempt a delivery is retried before it is FAILED. */
        @WithDefault("P1D")
        Duration retryFor();

        /** Consecutive failed attempts after which a subscription is disabled. */
        @WithDefault("20")
        int disableAfter();

        /** How many events one fan-out transaction reads, and how many deliveries one run claims. */
        @WithDefault("500")
        int batchSize();

        /** How long a claim (on the fan-out cursor or on a delivery) lasts; another run takes over after it. */
        @WithDefault("PT1M")
        Duration lease();
    }
}
