package cn.keywork.supervision.ballot;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.support.Api;

/** A round's move through the transitions operation, as the office makes it (every phase listener runs in it). */
@ApplicationScoped
public class RoundMoves {

    /** Moves the round by {@code action} (CLOSE, PUBLISH, …). */
    public void move(String roundId, String action) {
        String path = "/api/v1/evaluation-rounds/" + roundId;
        String etag = Api.as("OFFICE").get(path).then().statusCode(200).extract().header("ETag");
        Api.as("OFFICE").header("If-Match", etag).body(Map.of("action", action)).post(path + "/transitions")
                .then().statusCode(200);
    }
}
