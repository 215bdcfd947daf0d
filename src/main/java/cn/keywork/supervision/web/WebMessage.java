package cn.keywork.supervision.web;

import cn.keywork.supervision.domain.MessageKey;

/** Catalogue keys of the problems the HTTP layer itself words; {@code {0}}, {@code {1}} stand for arguments. */
public enum WebMessage implements MessageKey {
    TOKEN_INVALID("auth.token-invalid"),
    TOKEN_REVOKED("auth.token-revoked"),
    SIGN_IN_REQUIRED("auth.sign-in-required"),
    ROLE_NOT_ALLOWED("auth.role-not-allowed"),
    NO_ACCESS_RULE("auth.no-access-rule"),
    PASSWORD_CHANGE_FIRST("auth.password-change-first"),
    JSON_MALFORMED("json.malformed"),
    JSON_MALFORMED_AT("json.malformed-at"),
    FIELD_UNKNOWN("field.unknown"),
    QUERY_PARAMETER_UNKNOWN("query.unknown-parameter"),
    QUERY_PARAMETER_REPEATED("query.repeated-parameter"),
    FIELD_REQUIRED("field.required"),
    VALUE_NULL("value.null"),
    VALUE_TEXT_REFUSED("value.text-refused"),
    VALUE_OUT_OF_RANGE("value.out-of-range"),
    VALUE_TOO_LONG("value.too-long"),
    VALUE_ONE_OF("value.one-of"),
    VALUE_INVALID("value.invalid"),
    BODY_NOT_OBJECT("body.not-object"),
    TYPE_BOOLEAN("type.boolean"),
    TYPE_NUMBER("type.number"),
    TYPE_UUID("type.uuid"),
    TYPE_TIME("type.time"),
    TYPE_ARRAY("type.array"),
    TYPE_STRING("type.string"),
    TYPE_OBJECT("type.object"),
    TYPE_OTHER("type.other"),
    TYPE_WHOLE_NUMBER("type.whole-number"),
    TYPE_DATE("type.date"),
    TYPE_OFFSET_TIME("type.offset-time"),
    PATH_NOT_FOUND("request.path-not-found"),
    METHOD_NOT_ALLOWED("request.method-not-allowed"),
    NOT_ACCEPTABLE("request.not-acceptable"),
    NOT_ACCEPTABLE_TYPE("request.not-acceptable-type"),
    UNSUPPORTED_MEDIA_TYPE("request.unsupported-media-type"),
    BODY_TOO_LARGE("request.body-too-large"),
    BODY_LARGER_THAN("request.body-larger-than"),
    NOT_PROCESSED("request.not-processed"),
    NOT_READABLE("request.not-readable"),
    ADDRESS_MALFORMED("request.address-malformed"),
    ADDRESS_TOO_LONG("request.address-too-long"),
    HEADERS_TOO_LARGE("request.headers-too-large"),
    IF_MATCH_REQUIRED("if-match.required"),
    IF_MATCH_WEAK("if-match.weak"),
    IF_MATCH_UNKNOWN("if-match.unknown"),
    STALE_ETAG("if-match.stale"),
    DECIMAL_PLACES("value.decimal-places"),
    CHECKPOINT_SIGNATURE("audit.checkpoint-signature"),
    SIGN_IN_REFUSED("auth.sign-in-refused"),
    SIGN_IN_THROTTLED("auth.sign-in-throttled"),
    PASSWORD_CHECKS_BUSY("auth.password-checks-busy"),
    PUBLIC_THROTTLED("public.throttled"),
    PAGE_OUT_OF_RANGE("paging.page-out-of-range"),
    SIZE_OUT_OF_RANGE("paging.size-out-of-range"),
    SORT_UNKNOWN("paging.sort-unknown"),
    STALE_VERSION("persistence.stale-version"),
    DUPLICATE_RECORD("persistence.duplicate"),
    BROKEN_REFERENCE("persistence.broken-reference"),
    CONCURRENT_CHANGE("persistence.concurrent-change"),
    BROKEN_RULE("persistence.broken-rule"),
    VALUE_NOT_STORABLE("persistence.value-not-storable"),
    INTERNAL("unexpected.internal"),
    DATABASE_UNAVAILABLE("unexpected.database-unavailable"),
    // Service accounts: the OAuth 2.0 client-credentials grant
    GRANT_TYPE_UNSUPPORTED("oauth.grant-type-unsupported"),
    CLIENT_CREDENTIALS_MISSING("oauth.client-credentials-missing"),
    CLIENT_AUTHENTICATED_TWICE("oauth.client-authenticated-twice"),
    CLIENT_REQUEST_MALFORMED("oauth.request-malformed"),
    CLIENT_REFUSED("oauth.client-refused");

    private final String key;

    WebMessage(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
