package cn.keywork.supervision.cycle.service;

import java.time.Instant;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import cn.keywork.supervision.cycle.domain.CycleTrigger;
import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.platform.SupervisionConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The cycles' calendar: one Quarkus schedule per type (cron in Asia/Shanghai), and a tick that
 * resumes waiting or abandoned runs and catches up periods missed while the service was down,
 * oldest first, within {@code supervision.cycles.catch-up-horizon}. Every start goes through the
 * engine's claim, so several instances firing at once make one run. Runs as the service itself.
 */
@ApplicationScoped
public class CycleSchedule {

    private static final Logger LOG = Logger.getLogger(CycleSchedule.class);
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    /** A period whose scheduled fire time has passed. */
    public record Due(CycleType type, String period, ZonedDateTime firedAt) {
    }

    private final CycleEngine engine;
    private final CycleCalendar calendar;
    private final boolean enabled;
    private final Period horizon;
    private final Map<CycleType, String> crons = new LinkedHashMap<>();

    CycleSchedule(CycleEngine engine, CycleCalendar calendar, SupervisionConfig config) {
        this.engine = engine;
        this.calendar = calendar;
        this.enabled = config.cycles().enabled();
        this.horizon = Period.parse(config.cycles().catchUpHorizon());
        crons.put(CycleType.MONTHLY, config.cycles().monthly().cron());
        crons.put(CycleType.QUARTERLY, config.cycles().quarterly().cron());
        crons.put(CycleType.YEARLY, config.cycles().yearly().cron());
    }

    @Scheduled(identity = "cycle-monthly", cron = "{supervision.cycles.monthly.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> monthly() {
        return enabled ? fire(CycleType.MONTHLY).replaceWithVoid() : Uni.createFrom().voidItem();
    }

    @Scheduled(identity = "cycle-quarterly", cron = "{supervision.cycles.quarterly.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> quarterly() {
        return enabled ? fire(CycleType.QUARTERLY).replaceWithVoid() : Uni.createFrom().voidItem();
    }

    @Scheduled(identity = "cycle-yearly", cron = "{supervision.cycles.yearly.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> yearly() {
        return enabled ? fire(CycleType.YEARLY).replaceWithVoid() : Uni.createFrom().voidItem();
    }

    @Scheduled(identity = "cycle-tick", every = "{supervision.cycles.tick}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledTick() {
        return enabled ? tick().replaceWithVoid() : Uni.createFrom().voidItem();
    }

    /**
     * A schedule fired now: the period is taken from the clock in the city's time zone (the monthly
     * run fired at 2026-12-01 00:00 runs 2026-12). The quarterly run starts on the first working
     * day (Monday to Friday) of the days its cron fires on. Answers the period started, or null.
     */
    public Uni<String> fire(CycleType type) {
        return fire(type, engine.instanceId());
    }

    /** {@link #fire(CycleType)} as the instance {@code owner}. */
    public Uni<String> fire(CycleType type, String owner) {
        ZonedDateTime now = calendar.now().atZone(calendar.zone());
        if (type == CycleType.QUARTERLY && !CycleCalendar.firstWorkingDayOfMonth(now.toLocalDate())) {
            return Uni.createFrom().nullItem();
        }
        String period = type.periodFiredOn(now.toLocalDate());
        return engine.start(type, period, CycleTrigger.SCHEDULE, owner).map(run -> period)
                .onFailure(Conflict.class).recoverWithItem(failure -> {
                    LOG.debugf("The %s run of %s is not started here: %s", type, period, failure.getMessage());
                    return null;
                });
    }

    /**
     * Resumes due runs, opens the current month's run once its reminder day has come, then catches
     * up missed periods oldest first; answers how many runs it started or resumed.
     */
    public Uni<Integer> tick() {
        return engine.resumeDue()
                .chain(resumed -> openCurrentMonth().map(opened -> resumed + opened))
                .chain(started -> catchUp().map(caught -> started + caught));
    }

    /**
     * The monthly run's first step reminds before the deadline, while its schedule fires after it:
     * from the reminder day on, the current month's run is opened here (it reminds, then waits for
     * the deadline; the tick resumes it). Answers 1 when it opened the run.
     */
    public Uni<Integer> openCurrentMonth() {
        String month = CycleType.MONTHLY.periodFiredOn(calendar.today());
        if (calendar.today().isBefore(calendar.remindFrom(month))) {
            return Uni.createFrom().item(0);
        }
        return engine.since().chain(since -> {
            // a month whose schedule fired before the cycles began here is not this installation's to run
            Optional<ZonedDateTime> fires = fireTime(CycleType.MONTHLY, month);
            if (fires.isPresent() && fires.get().toInstant().isBefore(since)) {
                return Uni.createFrom().item(0);
            }
            return engine.periodsRun(CycleType.MONTHLY, List.of(month)).chain(run -> !run.isEmpty()
                    ? Uni.createFrom().item(0)
                    : engine.start(CycleType.MONTHLY, month, CycleTrigger.SCHEDULE).map(started -> 1)
                            .onFailure(Conflict.class).recoverWithItem(0));
        });
    }

    /** When the monthly schedule fires for {@code month}: its first fire time from the month's start on. */
    private Optional<ZonedDateTime> fireTime(CycleType type, String month) {
        String cron = crons.get(type);
        if (cron == null || cron.isBlank() || "off".equals(cron) || "disabled".equals(cron)) {
            return Optional.empty();
        }
        ZonedDateTime start = java.time.YearMonth.parse(month).atDay(1).atStartOfDay(calendar.zone());
        return ExecutionTime.forCron(QUARTZ.parse(cron)).nextExecution(start.minusSeconds(1));
    }

    /**
     * Starts, oldest first, the periods whose fire time within the horizon has passed, after the
     * cycles began on this database, and that have no run.
     */
    public Uni<Integer> catchUp() {
        return engine.since().chain(since -> catchUp(due(calendar.now()).stream()
                .filter(d -> !d.firedAt().toInstant().isBefore(since)).collect(java.util.stream.Collectors.toList())));
    }

    private Uni<Integer> catchUp(List<Due> due) {
        Uni<List<Due>> missing = Uni.createFrom().item(new ArrayList<>());
        for (CycleType type : CycleType.values()) {
            List<String> periods = due.stream().filter(d -> d.type() == type).map(Due::period).toList();
            missing = missing.chain(list -> engine.periodsRun(type, periods).map(run -> {
                due.stream().filter(d -> d.type() == type && !run.contains(d.period())).forEach(list::add);
                return list;
            }));
        }
        return missing.chain(list -> {
            list.sort(Comparator.comparing(Due::firedAt));
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (Due d : list) {
                chain = chain.chain(count -> {
                    LOG.infof("Catching up the %s run of %s (due %s)", d.type(), d.period(), d.firedAt());
                    return engine.start(d.type(), d.period(), CycleTrigger.CATCH_UP).map(run -> count + 1)
                            .onFailure(Conflict.class).recoverWithItem(count);
                });
            }
            return chain;
        });
    }

    /** The periods whose schedule fired between {@code now − horizon} and {@code now}, oldest first. */
    public List<Due> due(Instant now) {
        ZonedDateTime end = now.atZone(calendar.zone());
        ZonedDateTime start = end.minus(horizon);
        List<Due> due = new ArrayList<>();
        crons.forEach((type, cron) -> {
            if (cron == null || cron.isBlank() || "off".equals(cron) || "disabled".equals(cron)) {
                return;
            }
            ExecutionTime times = ExecutionTime.forCron(QUARTZ.parse(cron));
            List<String> seen = new ArrayList<>();
            Optional<ZonedDateTime> fired = times.lastExecution(end.plusSeconds(1));
            List<Due> ofType = new ArrayList<>();
            while (fired.isPresent() && !fired.get().isBefore(start)) {
                ZonedDateTime at = fired.get();
                if (type != CycleType.QUARTERLY || CycleCalendar.firstWorkingDayOfMonth(at.toLocalDate())) {
                    ofType.add(new Due(type, type.periodFiredOn(at.toLocalDate()), at));
                }
                fired = times.lastExecution(at);
            }
            ofType.sort(Comparator.comparing(Due::firedAt));
            for (Due d : ofType) {
                if (!seen.contains(d.period())) {
                    seen.add(d.period());
                    due.add(d);
                }
            }
        });
        due.sort(Comparator.comparing(Due::firedAt));
        return due;
    }
}
