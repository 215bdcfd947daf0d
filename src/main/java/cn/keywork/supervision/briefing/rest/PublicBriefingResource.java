package cn.keywork.supervision.briefing.rest;

import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.PublicBriefingsApi;
import cn.keywork.supervision.briefing.service.BriefingService;
import cn.keywork.supervision.publication.rest.PublicAnswers;
import io.smallrye.mutiny.Uni;

/** The published briefings for everyone (R10): public fields only, cached and tagged as the other public answers. */
public class PublicBriefingResource implements PublicBriefingsApi {

    private final BriefingService briefings;
    private final BriefingMapper mapper;
    private final PublicAnswers answers;

    PublicBriefingResource(BriefingService briefings, BriefingMapper mapper, PublicAnswers answers) {
        this.briefings = briefings;
        this.mapper = mapper;
        this.answers = answers;
    }

    @Override
    public Uni<Response> listPublicBriefings(String ifNoneMatch) {
        return briefings.published().map(rows -> answers.json(mapper.publicList(rows), ifNoneMatch));
    }

    @Override
    public Uni<Response> getPublicBriefing(UUID briefingId, String ifNoneMatch) {
        return briefings.published(briefingId).map(view -> answers.json(mapper.publicBriefing(view), ifNoneMatch));
    }
}
