package cn.keywork.supervision.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL written with named parameters ({@code :name}, as native queries take them) turned into
 * {@code $1, $2, …} for the reactive client, with the values in that order: the exports read the
 * same statements the lists run, through a database cursor. A cast ({@code ::uuid}) is left alone.
 */
public record PositionalSql(String sql, List<Object> values) {

    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([a-zA-Z][a-zA-Z0-9]*)");

    /** Numbers each name at its first use; refuses a name without a value. */
    public static PositionalSql of(String sql, Map<String, Object> parameters) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Object> values = new ArrayList<>();
        Matcher matcher = NAMED.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("No value for :" + name);
            }
            int n = index.computeIfAbsent(name, key -> {
                values.add(parameters.get(key));
                return values.size();
            });
            matcher.appendReplacement(out, Matcher.quoteReplacement("$" + n));
        }
        matcher.appendTail(out);
        return new PositionalSql(out.toString(), values);
    }
}
