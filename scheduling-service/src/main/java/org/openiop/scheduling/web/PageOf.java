package org.openiop.scheduling.web;

import java.util.List;

/**
 * One page of a list: the items, where the page sits and how many items there are in all.
 *
 * @param items      this page's items
 * @param page       zero-based page number
 * @param size       requested page size
 * @param totalItems items matching the query across all pages
 */
public record PageOf<T>(List<T> items, int page, int size, long totalItems) {

    public int totalPages() {
        return size == 0 ? 0 : (int) ((totalItems + size - 1) / size);
    }
}
