package cn.keywork.supervision.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.keywork.supervision.evaluation.domain.EvaluatorKind;
import cn.keywork.supervision.evaluator.domain.EvaluatorDraft;
import cn.keywork.supervision.evaluator.service.EvaluatorService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The demo city's evaluator corps (R15): a dozen evaluators of every kind, some affiliated with a
 * demo unit (so the conflict-of-interest rule has something to refuse), the special supervisors
 * with fields of expertise; each with an EVALUATOR account signing in with the demo password.
 */
@ApplicationScoped
public class DemoEvaluators {

    private static final Logger LOG = Logger.getLogger(DemoEvaluators.class);

    /** A demo evaluator: username, kind, name, affiliation, the code of a demo unit (or null), expertise. */
    record DemoEvaluator(String username, EvaluatorKind kind, String name, String affiliation, String unitCode,
            List<String> expertise, boolean namePublic) {
    }

    static final List<DemoEvaluator> EVALUATORS = List.of(
            new DemoEvaluator("eval-npc-1", EvaluatorKind.NPC_DEPUTY, "韩立新", "示范市人大代表、东城区某街道社区书记", "DCQ",
                    List.of("LIVELIHOOD"), true),
            new DemoEvaluator("eval-npc-2", EvaluatorKind.NPC_DEPUTY, "许晓燕", "示范市人大代表、市第一中学教师", null,
                    List.of("LIVELIHOOD"), false),
            new DemoEvaluator("eval-npc-3", EvaluatorKind.NPC_DEPUTY, "马国庆", "示范市人大代表、西山县某村党支部书记", "XSX",
                    List.of("COUNTY_TOPIC"), false),
            new DemoEvaluator("eval-cppcc-1", EvaluatorKind.CPPCC_MEMBER, "邓文博", "示范市政协委员、某律师事务所主任", null,
                    List.of("MEETING_DECISION"), true),
            new DemoEvaluator("eval-cppcc-2", EvaluatorKind.CPPCC_MEMBER, "曹雪梅", "示范市政协委员、市卫健委退休干部", "WJW",
                    List.of("LIVELIHOOD"), false),
            new DemoEvaluator("eval-cppcc-3", EvaluatorKind.CPPCC_MEMBER, "彭志远", "示范市政协委员、某企业董事长", null,
                    List.of("KEY_PROJECT"), false),
            new DemoEvaluator("eval-special-1", EvaluatorKind.SPECIAL_SUPERVISOR, "李建华", "市建筑设计研究院高级工程师", null,
                    List.of("KEY_PROJECT", "COUNTY_TOPIC"), true),
            new DemoEvaluator("eval-special-2", EvaluatorKind.SPECIAL_SUPERVISOR, "徐慧敏", "某会计师事务所注册会计师", null,
                    List.of("KEY_PROJECT", "MEETING_DECISION"), false),
            new DemoEvaluator("eval-special-3", EvaluatorKind.SPECIAL_SUPERVISOR, "蒋涛", "示范市交通运输局退休高级工程师", "JTJ",
                    List.of("KEY_PROJECT", "LEADER_INSTRUCTION"), false),
            new DemoEvaluator("eval-public-1", EvaluatorKind.PUBLIC_REPRESENTATIVE, "沈桂兰", "南湖县居民代表", null,
                    List.of("LIVELIHOOD"), false),
            new DemoEvaluator("eval-public-2", EvaluatorKind.PUBLIC_REPRESENTATIVE, "丁小军", "高新区企业职工代表", "GXQ",
                    List.of("OTHER"), false),
            new DemoEvaluator("eval-public-3", EvaluatorKind.PUBLIC_REPRESENTATIVE, "任佳", "东城区社区志愿者", null,
                    List.of("LIVELIHOOD", "OTHER"), false));

    private final EvaluatorService evaluators;

    DemoEvaluators(EvaluatorService evaluators) {
        this.evaluators = evaluators;
    }

    /** Appoints the demo evaluators with their accounts, in the loading transaction; terms run through {@code year + 4}. */
    Uni<Void> load(Map<String, UUID> unitIds, Map<String, String> passwordHashes, int year) {
        long started = System.nanoTime();
        return Multi.createFrom().iterable(EVALUATORS.stream().filter(demo -> passwordHashes.containsKey(demo.username())).toList())
                .onItem().transformToUniAndConcatenate(demo -> evaluators.appoint(new EvaluatorDraft(demo.kind(), demo.name(),
                        demo.affiliation(), demo.unitCode() == null ? null : unitIds.get(demo.unitCode()), demo.expertise(),
                        LocalDate.of(year, 1, 1), LocalDate.of(year + 4, 12, 31), "示督评〔" + year + "〕1号", null, null,
                        demo.namePublic(), true), demo.username(), passwordHashes.get(demo.username()), true))
                .collect().asList()
                .invoke(loaded -> LOG.infof("Demo evaluators loaded: %d evaluators of every kind, each with an EVALUATOR "
                        + "account signing in with the demo password, in %s ms", loaded.size(),
                        (System.nanoTime() - started) / 1_000_000))
                .replaceWithVoid();
    }
}
