package cn.keywork.supervision.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list, with the total over all pages. */
public record Page<T>(List<T> items, PageRequest request, long total) {

    public <R> List<R> map(Function<T, R> mapper) {
        return items.stream().map(mapper).toList();
    }
}
