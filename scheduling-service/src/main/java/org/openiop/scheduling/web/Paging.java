package org.openiop.scheduling.web;

/** A validated page request turned into SQL's LIMIT and OFFSET. */
public record Paging(int page, int size) {

    public static final String DEFAULT_SIZE = "50";
    public static final int MAX_SIZE = 200;

    public long offset() {
        return (long) page * size;
    }

    public <T> PageOf<T> of(java.util.List<T> items, long total) {
        return new PageOf<>(items, page, size, total);
    }
}
