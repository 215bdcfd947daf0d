package cn.keywork.supervision.demo;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import cn.keywork.supervision.account.domain.AccountDetails;
import cn.keywork.supervision.account.service.AccountService;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.PasswordHasher;
import cn.keywork.supervision.security.PasswordPolicy;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.task.service.BreakdownService;
import cn.keywork.supervision.task.service.TaskService;
import cn.keywork.supervision.unit.domain.LiaisonDetails;
import cn.keywork.supervision.unit.domain.UnitDetails;
import cn.keywork.supervision.unit.domain.UnitType;
import cn.keywork.supervision.unit.service.UnitService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A small fictional city (示范市) to explore the service with: its offices, leadership, counties,
 * a development zone and bureaus, each with a liaison. Loaded once, into an empty database only,
 * and only when {@code supervision.demo.enabled} (the embedded default turns it on).
 */
@ApplicationScoped
public class DemoCity {

    private static final Logger LOG = Logger.getLogger(DemoCity.class);
    /** Serialises concurrent first starts of several instances. */
    private static final long LOCK = 0x44454d4fL;

    record DemoUnit(String code, String name, String shortName, UnitType type, String body, LiaisonDetails liaison) {
    }

    static final List<DemoUnit> UNITS = List.of(
            unit("DCS", "示范市人民政府督查室", "市督查室", UnitType.SUPERVISION_OFFICE, "督查一科", "陈静", "督查一科科长", "01"),
            unit("DKB", "示范市重点工程建设督查考核办公室", "市督考办", UnitType.ASSESSMENT_OFFICE, "综合科", "刘洋", "综合科副科长", "02"),
            unit("LDXZ", "示范市重大工程推进工作领导小组办公室", "市重大办", UnitType.LEADING_GROUP_OFFICE, "协调科", "赵磊", "协调科科长", "03"),
            unit("SZFLD", "示范市人民政府领导", "市政府领导", UnitType.CITY_LEADERSHIP, "市政府办公室秘书科", "孙婷", "秘书科科长", "04"),
            unit("DCQ", "示范市东城区人民政府", "东城区政府", UnitType.COUNTY_GOVERNMENT, "区政府督查室", "周强", "督查室主任", "05"),
            unit("XSX", "示范市西山县人民政府", "西山县政府", UnitType.COUNTY_GOVERNMENT, "县政府督查室", "吴敏", "督查室副主任", "06"),
            unit("NHX", "示范市南湖县人民政府", "南湖县政府", UnitType.COUNTY_GOVERNMENT, "县政府督查室", "郑浩", "督查室主任", "07"),
            unit("GXQ", "示范市高新技术产业开发区管理委员会", "高新区管委会", UnitType.DEVELOPMENT_ZONE, "党政办公室", "王芳", "党政办副主任", "08"),
            unit("FGW", "示范市发展和改革委员会", "市发改委", UnitType.MUNICIPAL_DEPARTMENT, "办公室", "李娜", "办公室主任", "09"),
            unit("ZJJ", "示范市住房和城乡建设局", "市住建局", UnitType.MUNICIPAL_DEPARTMENT, "办公室", "王敏", "办公室副主任", "10"),
            unit("JTJ", "示范市交通运输局", "市交通局", UnitType.MUNICIPAL_DEPARTMENT, "办公室", "张伟", "办公室主任", "11"),
            unit("STHJJ", "示范市生态环境局", "市生态环境局", UnitType.MUNICIPAL_DEPARTMENT, "办公室", "杨帆", "办公室副主任", "12"),
            unit("JYJ", "示范市教育局", "市教育局", UnitType.MUNICIPAL_DEPARTMENT, "办公室", "黄丽", "办公室主任", "13"),
            unit("WJW", "示范市卫生健康委员会", "市卫健委", UnitType.MUNICIPAL_DEPARTMENT, "办公室", "林峰", "办公室副主任", "14"));

    /** A demo account: username, display name, role, and the code of its unit (or null). */
    record DemoAccount(String username, String displayName, Role role, String unitCode) {
    }

    static final List<DemoAccount> OFFICE_ACCOUNTS = List.of(
            new DemoAccount("admin", "系统管理员", Role.ADMIN, null),
            new DemoAccount("auditor", "安全审计员", Role.AUDITOR, null),
            new DemoAccount("office", "陈静", Role.OFFICE, "DCS"),
            new DemoAccount("leader", "分管副市长", Role.LEADER, "SZFLD"),
            new DemoAccount("assessment", "刘洋", Role.ASSESSMENT, "DKB"),
            new DemoAccount("leadinggroup", "赵磊", Role.LEADING_GROUP, "LDXZ"));

    private final UnitService units;
    private final AccountService accounts;
    private final TaskService tasks;
    private final BreakdownService breakdown;
    private final PasswordHasher hasher;
    private final SupervisionConfig config;
    private final java.time.Clock clock;
    private final DemoProgress progress;
    private final DemoSlips slips;
    private final DemoEvaluators evaluators;
    private final DemoPoints points;

    DemoCity(UnitService units, AccountService accounts, TaskService tasks, BreakdownService breakdown,
            PasswordHasher hasher, SupervisionConfig config, java.time.Clock clock, DemoProgress progress, DemoSlips slips,
            DemoEvaluators evaluators, DemoPoints points) {
        this.evaluators = evaluators;
        this.progress = progress;
        this.slips = slips;
        this.points = points;
        this.units = units;
        this.accounts = accounts;
        this.tasks = tasks;
        this.breakdown = breakdown;
        this.hasher = hasher;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes @Priority(100) StartupEvent start) throws Throwable {
        // Hashing the password and drawing the photos cost a second: only for a database still empty.
        if (!config.demo().enabled() || !VertxContextSupport.subscribeAndAwait(this::databaseEmpty)) {
            return;
        }
        String password = config.demo().password().orElse(SupervisionConfig.Demo.PUBLISHED_PASSWORD);
        PasswordPolicy.check(password, null, "supervision.demo.password");
        // One hash for all: every demo account has the same, published password anyway.
        String hash = hasher.hash(password);
        Map<String, String> hashes = new HashMap<>();
        for (DemoAccount account : accounts()) {
            hashes.put(account.username(), hash);
        }
        for (DemoEvaluators.DemoEvaluator evaluator : DemoEvaluators.EVALUATORS) {
            hashes.put(evaluator.username(), hash);
        }
        List<DemoProgress.Photo> photos = DemoProgress.drawPhotos();
        int loaded = VertxContextSupport.subscribeAndAwait(() -> loadIntoEmptyDatabase(hashes, photos));
        if (loaded > 0) {
            LOG.infof("Demo city loaded: %d units with their liaisons, %d accounts (password from SUPERVISION_DEMO_PASSWORD, "
                    + "or generated into the file demo-password beside the data), "
                    + "%d key tasks with their breakdown, this year's monthly reports, last month's published ledger "
                    + "and the slips, problems and joint meeting that follow from it",
                    loaded, hashes.size(), DemoRegister.TASKS.size());
        }
    }

    /** Every demo account: the offices' and one liaison per demo unit. */
    static List<DemoAccount> accounts() {
        List<DemoAccount> all = new ArrayList<>(OFFICE_ACCOUNTS);
        for (DemoUnit unit : UNITS) {
            all.add(new DemoAccount("liaison-" + unit.code().toLowerCase(Locale.ROOT), unit.liaison().name(),
                    Role.UNIT_LIAISON, unit.code()));
        }
        return all;
    }

    @WithSession
    Uni<Boolean> databaseEmpty() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT NOT EXISTS (SELECT 1 FROM org_unit)", Boolean.class).getSingleResult());
    }

    /** Loads the demo units and accounts unless any unit exists; answers how many units were loaded. */
    @WithTransaction
    public Uni<Integer> loadIntoEmptyDatabase(Map<String, String> passwordHashes) {
        return loadIntoEmptyDatabase(passwordHashes, List.of());
    }

    /** As above, with photos (drawn beforehand, off the database pipeline) for the reports. */
    @WithTransaction
    public Uni<Integer> loadIntoEmptyDatabase(Map<String, String> passwordHashes, List<DemoProgress.Photo> photos) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(:lock)")
                        .setParameter("lock", LOCK).getSingleResult())
                .chain(() -> Panache.getSession())
                .chain(session -> session.createNativeQuery("SELECT count(*) FROM org_unit", Long.class).getSingleResult())
                .chain(existing -> existing > 0 ? Uni.createFrom().item(0) : loadAll(passwordHashes, photos));
    }

    private Uni<Integer> loadAll(Map<String, String> passwordHashes, List<DemoProgress.Photo> photos) {
        Map<String, UUID> unitIds = new HashMap<>();
        return Multi.createFrom().iterable(UNITS)
                .onItem().transformToUniAndConcatenate(demo -> units
                        .register(new UnitDetails(demo.code(), demo.name(), demo.shortName(), demo.type(), null))
                        .invoke(view -> unitIds.put(demo.code(), view.id()))
                        .chain(view -> units.replaceContact(view.id(), 0, demo.body(), List.of(demo.liaison()))))
                .collect().asList()
                .chain(loaded -> Multi.createFrom().iterable(accounts())
                        .onItem().transformToUniAndConcatenate(account -> accounts.open(account.username(),
                                new AccountDetails(account.displayName(), unitIds.get(account.unitCode()),
                                        EnumSet.of(account.role()), null, null),
                                passwordHashes.get(account.username()), true))
                        .collect().asList()
                        .chain(() -> accounts.idOf("leader"))
                        .chain(leader -> loadRegister(unitIds, leader))
                        .chain(() -> progress.load(java.time.Year.now(clock.withZone(config.timeZone())).getValue(), photos))
                        .chain(() -> slips.load(progress.lastMonth()))
                        .chain(() -> evaluators.load(unitIds, passwordHashes,
                                java.time.Year.now(clock.withZone(config.timeZone())).getValue()))
                        .chain(() -> points.load(java.time.Year.now(clock.withZone(config.timeZone())).getValue()))
                        .replaceWith(loaded.size()));
    }

    /** This year's register: thirty tasks in the register, each with its breakdown. */
    private Uni<Void> loadRegister(Map<String, UUID> unitIds, UUID leader) {
        int year = java.time.Year.now(clock).getValue();
        return Multi.createFrom().iterable(DemoRegister.TASKS)
                .onItem().transformToUniAndConcatenate(task -> tasks.create(DemoRegister.details(task, year, unitIds, leader))
                        .chain(view -> breakdown.seed(view.id(), DemoRegister.breakdown(task, year, unitIds))))
                .collect().asList()
                .replaceWithVoid();
    }

    private static DemoUnit unit(String code, String name, String shortName, UnitType type, String body,
            String liaison, String position, String number) {
        String email = "liaison." + code.toLowerCase() + "@demo.example.gov.cn";
        return new DemoUnit(code, name, shortName, type, body,
                new LiaisonDetails(liaison, position, "0000-87100" + number, "138000000" + number, email, true));
    }
}
