package org.lastmile.platform;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as every list of the API answers it: {@code total} stops counting at
 * {@link #COUNT_LIMIT} and then says so with {@code totalIsLowerBound}.
 */
public record PageResult<T>(List<T> items, long total, boolean totalIsLowerBound, int page, int size) {

    public static final int COUNT_LIMIT = 10_000;

    public static <T> PageResult<T> of(List<T> items, long countedUpToLimitPlusOne, int page, int size) {
        boolean lowerBound = countedUpToLimitPlusOne > COUNT_LIMIT;
        return new PageResult<>(items, lowerBound ? COUNT_LIMIT : countedUpToLimitPlusOne, lowerBound, page, size);
    }

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(items.stream().map(mapper).toList(), total, totalIsLowerBound, page, size);
    }
}
