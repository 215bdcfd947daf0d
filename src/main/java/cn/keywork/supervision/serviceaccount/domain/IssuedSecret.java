package cn.keywork.supervision.serviceaccount.domain;

/** A service account and the secret just issued to it, answered once and never stored in clear. */
public record IssuedSecret(ServiceAccountView account, String clientSecret) {
}
