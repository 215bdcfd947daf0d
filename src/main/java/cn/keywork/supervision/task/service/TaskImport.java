package cn.keywork.supervision.task.service;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cn.keywork.supervision.account.service.AccountService;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.task.domain.TaskCategory;
import cn.keywork.supervision.task.domain.TaskDetails;
import cn.keywork.supervision.task.domain.TaskView;
import cn.keywork.supervision.task.service.TaskSheet.SheetRow;
import cn.keywork.supervision.unit.service.UnitService;
import cn.keywork.supervision.domain.DomainException;
import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.ContractDocument;
import cn.keywork.supervision.web.FieldErrorCode;
import cn.keywork.supervision.web.WebMessage;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Bulk declaration (R2): every row is checked first and all errors are answered together; only
 * a sheet without errors is saved, all of it in one transaction, each row as a single declaration.
 */
@ApplicationScoped
public class TaskImport {

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    private final TaskService tasks;
    private final UnitService units;
    private final AccountService accounts;
    private final TaskSheet.Limits limits;
    /** Category by its Chinese label or its code, as the contract labels it. */
    private final Map<String, TaskCategory> categories = new HashMap<>();

    TaskImport(TaskService tasks, UnitService units, AccountService accounts, SupervisionConfig config) {
        this.tasks = tasks;
        this.units = units;
        this.accounts = accounts;
        SupervisionConfig.Import bounds = config.tasks().imports();
        this.limits = new TaskSheet.Limits(bounds.maxRows(), bounds.maxUnpackedSize().asLongValue());
        JsonNode labels = ContractDocument.get().path("components").path("schemas").path("TaskCategory").path("x-enum-labels");
        for (TaskCategory category : TaskCategory.values()) {
            categories.put(category.name(), category);
            categories.put(labels.path(category.name()).path("zh-CN").asText(category.name()), category);
        }
    }

    /** Reads an uploaded sheet within the configured limits. Blocking: run it off the event loop. */
    public List<SheetRow> read(byte[] upload) {
        return TaskSheet.read(upload, limits);
    }

    @WithTransaction
    public Uni<List<TaskView>> declare(List<SheetRow> rows) {
        Set<String> unitCodes = new HashSet<>();
        Set<String> leaders = new HashSet<>();
        for (SheetRow row : rows) {
            if (row.get(TaskSheet.LEAD) != null) {
                unitCodes.add(row.get(TaskSheet.LEAD));
            }
            cooperationCodes(row).forEach(unitCodes::add);
            if (row.get(TaskSheet.LEADER) != null) {
                leaders.add(row.get(TaskSheet.LEADER));
            }
        }
        return units.idsByCode(unitCodes).chain(unitIds -> leaderIds(leaders).chain(leaderIds -> {
            ApiProblem.Errors errors = new ApiProblem.Errors();
            List<TaskDetails> declarations = new ArrayList<>();
            for (SheetRow row : rows) {
                declarations.add(details(row, unitIds, leaderIds, errors));
            }
            errors.throwIfAny();
            return Multi.createFrom().range(0, declarations.size())
                    .onItem().transformToUniAndConcatenate(i -> tasks.create(declarations.get(i))
                            .onFailure(ApiProblem.class).transform(problem -> rowProblem(rows.get(i), (ApiProblem) problem))
                            .onFailure(DomainException.class)
                            .transform(refusal -> ((DomainException) refusal).at("row " + rows.get(i).number())))
                    .collect().asList();
        }));
    }

    private Uni<Map<String, UUID>> leaderIds(Set<String> usernames) {
        return Multi.createFrom().iterable(usernames)
                .onItem().transformToUniAndConcatenate(name -> accounts.idOf(name).map(id -> Map.entry(name, id == null
                        ? new UUID(0, 0) : id)))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private TaskDetails details(SheetRow row, Map<String, UUID> unitIds, Map<String, UUID> leaderIds,
            ApiProblem.Errors errors) {
        for (String column : TaskSheet.REQUIRED) {
            if (row.get(column) == null) {
                errors.add(at(row, column), FieldErrorCode.REQUIRED, WebMessage.FIELD_REQUIRED);
            }
        }
        Integer year = integer(row, TaskSheet.YEAR, errors);
        TaskCategory category = row.get(TaskSheet.CATEGORY) == null ? null : categories.get(row.get(TaskSheet.CATEGORY));
        if (row.get(TaskSheet.CATEGORY) != null && category == null) {
            errors.add(at(row, TaskSheet.CATEGORY), FieldErrorCode.UNKNOWN_VALUE, ImportMessage.UNKNOWN_CATEGORY,
                    row.get(TaskSheet.CATEGORY));
        }
        LocalDate deadline = date(row, TaskSheet.DEADLINE, errors);
        UUID lead = unit(row, row.get(TaskSheet.LEAD), TaskSheet.LEAD, unitIds, errors);
        List<TaskDetails.Cooperation> cooperations = new ArrayList<>();
        String cooperating = row.get(TaskSheet.COOPERATING);
        if (cooperating != null) {
            for (String part : cooperating.split("[;；]")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] codeAndDuty = part.split("[:：]", 2);
                UUID unit = unit(row, codeAndDuty[0].trim(), TaskSheet.COOPERATING, unitIds, errors);
                String duty = codeAndDuty.length > 1 && !codeAndDuty[1].isBlank() ? codeAndDuty[1].trim() : "配合";
                if (unit != null) {
                    cooperations.add(new TaskDetails.Cooperation(unit, duty));
                }
            }
        }
        UUID leader = null;
        if (row.get(TaskSheet.LEADER) != null) {
            leader = leaderIds.get(row.get(TaskSheet.LEADER));
        }
        String mobile = row.get(TaskSheet.MOBILE);
        if (mobile != null && !MOBILE.matcher(mobile).matches()) {
            errors.add(at(row, TaskSheet.MOBILE), FieldErrorCode.PATTERN, ImportMessage.MOBILE_PATTERN);
        }
        length(row, TaskSheet.TITLE, 200, errors);
        length(row, TaskSheet.TARGET, 2000, errors);
        length(row, TaskSheet.CONTENT, TaskSheet.MAX_CELL_CHARS, errors);
        if (year == null || category == null || deadline == null || lead == null) {
            return null;
        }
        return new TaskDetails(year, category, row.get(TaskSheet.TITLE), row.get(TaskSheet.TARGET),
                row.get(TaskSheet.CONTENT), deadline, lead, cooperations, row.get(TaskSheet.UNIT_HEAD), leader,
                row.get(TaskSheet.DIVISION), row.get(TaskSheet.PERSON), mobile, row.get(TaskSheet.DOCUMENT));
    }

    private static Iterable<String> cooperationCodes(SheetRow row) {
        List<String> codes = new ArrayList<>();
        String cooperating = row.get(TaskSheet.COOPERATING);
        if (cooperating != null) {
            for (String part : cooperating.split("[;；]")) {
                if (!part.isBlank()) {
                    codes.add(part.split("[:：]", 2)[0].trim());
                }
            }
        }
        return codes;
    }

    private static UUID unit(SheetRow row, String code, String column, Map<String, UUID> unitIds, ApiProblem.Errors errors) {
        if (code == null) {
            return null;
        }
        UUID id = unitIds.get(code);
        if (id == null) {
            errors.add(at(row, column), FieldErrorCode.NOT_FOUND, ImportMessage.UNIT_CODE_UNKNOWN, code);
        }
        return id;
    }

    private static Integer integer(SheetRow row, String column, ApiProblem.Errors errors) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            int year = Integer.parseInt(value);
            if (year < 2000 || year > 2100) {
                errors.add(at(row, column), FieldErrorCode.RANGE, ImportMessage.YEAR_RANGE);
                return null;
            }
            return year;
        } catch (NumberFormatException e) {
            errors.add(at(row, column), FieldErrorCode.TYPE, ImportMessage.YEAR_TYPE);
            return null;
        }
    }

    private static LocalDate date(SheetRow row, String column, ApiProblem.Errors errors) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.replace('/', '-').replace('.', '-'));
        } catch (DateTimeParseException e) {
            errors.add(at(row, column), FieldErrorCode.FORMAT, ImportMessage.DATE_FORMAT);
            return null;
        }
    }

    private static void length(SheetRow row, String column, int max, ApiProblem.Errors errors) {
        String value = row.get(column);
        if (value != null && value.length() > max) {
            errors.add(at(row, column), FieldErrorCode.SIZE, ImportMessage.TEXT_TOO_LONG, max);
        }
    }

    private static String at(SheetRow row, String column) {
        return "row " + row.number() + ": " + column;
    }

    /** A refusal of one row's declaration, told with the row it came from. */
    private static ApiProblem rowProblem(SheetRow row, ApiProblem problem) {
        return problem.at("row " + row.number());
    }
}
