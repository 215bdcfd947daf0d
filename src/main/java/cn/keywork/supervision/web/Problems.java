package cn.keywork.supervision.web;

import java.util.List;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.model.FieldErrorDto;
import cn.keywork.supervision.api.model.ProblemDto;

/** Builds problem bodies and answers: the only place that knows their shape. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static ProblemDto body(ProblemType type, String detail, List<FieldErrorDto> errors, String instance,
            String requestId) {
        ProblemDto problem = new ProblemDto(type.uri(), type.title(), type.status())
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

    public static Response response(ProblemType type, String detail, List<FieldErrorDto> errors, String instance,
            String requestId) {
        return Response.status(type.status())
                .type(MEDIA_TYPE)
                .entity(body(type, detail, errors, instance, requestId))
                .build();
    }
}
