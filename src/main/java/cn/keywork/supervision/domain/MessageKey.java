package cn.keywork.supervision.domain;

/** A key of the problem message catalogue ({@code messages/problems*.properties}). */
public interface MessageKey {

    String key();
}
