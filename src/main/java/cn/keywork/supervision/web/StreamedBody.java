package cn.keywork.supervision.web;

import io.smallrye.mutiny.Multi;

/**
 * A response body of known length sent as its pieces arrive: each piece is asked for only when
 * the previous one has been handed to the connection and its write queue has room, so a slow
 * client holds back the source instead of filling the heap.
 */
public record StreamedBody(long length, Multi<byte[]> pieces) {
}
