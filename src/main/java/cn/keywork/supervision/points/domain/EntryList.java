package cn.keywork.supervision.points.domain;

import java.util.List;

/** One page of point entries, each a JSON object in the contract's names, and the total matching. */
public record EntryList(List<String> items, long total) {
}
