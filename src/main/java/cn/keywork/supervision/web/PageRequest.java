package cn.keywork.supervision.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A page of a list and its order, checked against the fields an operation allows to sort by.
 * {@code sort=name,-createdAt}: ascending by name, then descending by creation time.
 */
public record PageRequest(int page, int size, List<Order> orders) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** One sort key: an API field name and its direction. */
    public record Order(String field, boolean descending) {
    }

    /**
     * @param sortable the API field names the operation can sort by
     * @param defaultSort the order when the client names none
     */
    public static PageRequest of(Integer page, Integer size, String sort, Set<String> sortable, String defaultSort) {
        int pageNumber = page == null ? 1 : page;
        int pageSize = size == null ? DEFAULT_SIZE : size;
        if (pageNumber < 1) {
            throw ApiProblem.invalid("page", FieldErrorCode.RANGE, WebMessage.PAGE_OUT_OF_RANGE);
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw ApiProblem.invalid("size", FieldErrorCode.RANGE, WebMessage.SIZE_OUT_OF_RANGE, MAX_SIZE);
        }
        String effective = sort == null || sort.isBlank() ? defaultSort : sort;
        List<Order> orders = new ArrayList<>();
        for (String part : effective.split(",", -1)) {
            String field = part.trim();
            boolean descending = field.startsWith("-");
            if (descending) {
                field = field.substring(1);
            }
            if (!sortable.contains(field)) {
                throw ApiProblem.invalid("sort", FieldErrorCode.UNKNOWN_VALUE, WebMessage.SORT_UNKNOWN, Excerpts.of(field),
                        String.join(", ", sortable.stream().sorted().toList()));
            }
            orders.add(new Order(field, descending));
        }
        return new PageRequest(pageNumber, pageSize, List.copyOf(orders));
    }

    public int offset() {
        return (page - 1) * size;
    }

    /**
     * An ORDER BY clause, each field translated by {@code columns} (which must know every sortable
     * field), ending with {@code tieBreaker} for a stable order across pages.
     */
    public String orderBy(Map<String, String> columns, String tieBreaker) {
        StringBuilder clause = new StringBuilder(" order by ");
        for (Order order : orders) {
            clause.append(columns.get(order.field())).append(order.descending() ? " desc, " : " asc, ");
        }
        return clause.append(tieBreaker).toString();
    }
}
