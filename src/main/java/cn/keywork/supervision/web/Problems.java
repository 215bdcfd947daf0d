package cn.keywork.supervision.web;

import java.util.List;
import java.util.Locale;

import cn.keywork.supervision.api.model.FieldErrorDto;
import cn.keywork.supervision.api.model.ProblemDto;

/** Builds problem bodies: the only place that knows their shape. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** A problem body whose title is told in {@code locale}; {@code type} stays the same in every language. */
    public static ProblemDto body(ProblemType type, Locale locale, String detail, List<FieldErrorDto> errors, String instance,
            String requestId) {
        ProblemDto problem = new ProblemDto(type.uri(), ProblemCatalog.text(locale, ProblemCatalog.titleKey(type), List.of()),
                type.status())
                .detail(detail)
                .instance(instance)
                .requestId(requestId);
        if (!errors.isEmpty()) {
            problem.errors(errors);
        } else {
            problem.setErrors(null);
        }
        return problem;
    }
}
