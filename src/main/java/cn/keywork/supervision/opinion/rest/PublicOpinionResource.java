package cn.keywork.supervision.opinion.rest;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.PublicOpinionsApi;
import cn.keywork.supervision.api.model.OpinionStatusDto;
import cn.keywork.supervision.api.model.PublicOpinionInputDto;
import cn.keywork.supervision.api.model.PublicOpinionReceiptDto;
import cn.keywork.supervision.opinion.domain.TooManyOpinions;
import cn.keywork.supervision.opinion.service.OpinionService;
import cn.keywork.supervision.publication.rest.PublicAnswers;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.ProblemType;
import cn.keywork.supervision.web.WebMessage;
import io.smallrye.mutiny.Uni;

/** The public's opinions on published tasks over HTTP (R15): anonymous, cached like the other public answers. */
public class PublicOpinionResource implements PublicOpinionsApi {

    private final OpinionService opinions;
    private final OpinionMapper mapper;
    private final PublicAnswers answers;

    PublicOpinionResource(OpinionService opinions, OpinionMapper mapper, PublicAnswers answers) {
        this.opinions = opinions;
        this.mapper = mapper;
        this.answers = answers;
    }

    @Override
    public Uni<Response> listPublicOpinions(String code, String ifNoneMatch) {
        return opinions.publicList(code).map(rows -> answers.json(mapper.publicList(code, rows), ifNoneMatch));
    }

    @Override
    public Uni<Response> submitPublicOpinion(String code, PublicOpinionInputDto input) {
        return opinions.submit(code, input.getText(), input.getNickname(), input.getContact(), RequestScope.clientAddress())
                .map(row -> Response.accepted(new PublicOpinionReceiptDto().id(row.id()).status(OpinionStatusDto.PENDING)).build())
                .onFailure(TooManyOpinions.class)
                .transform(e -> new OpinionsThrottled(((TooManyOpinions) e).retryAfterSeconds()));
    }

    /** 429: the address left as many opinions as an hour allows. */
    static final class OpinionsThrottled extends ApiProblem {
        private final long retryAfterSeconds;

        OpinionsThrottled(long retryAfterSeconds) {
            super(ProblemType.TOO_MANY_REQUESTS, WebMessage.PUBLIC_THROTTLED, retryAfterSeconds);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
