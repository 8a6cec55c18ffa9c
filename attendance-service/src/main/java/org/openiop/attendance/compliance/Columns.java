package org.openiop.attendance.compliance;

import java.util.Collection;
import java.util.function.Function;

import org.springframework.jdbc.support.SqlArrayValue;

/**
 * One column of a set of rows as a single array parameter, for set-based statements of the form
 * {@code INSERT ... SELECT ... FROM unnest(CAST(:a AS text[]), CAST(:b AS timestamptz[]), ...)}: one statement and
 * one plan whatever the number of rows, instead of a statement per row. Values travel as text (null stays null) and
 * are cast in the SQL: instants as ISO-8601 with offset, dates as ISO dates, numbers and booleans as written.
 */
final class Columns {

    private Columns() {
    }

    static <T> SqlArrayValue of(Collection<T> rows, Function<? super T, ?> value) {
        Object[] texts = new Object[rows.size()];
        int i = 0;
        for (T row : rows) {
            Object v = value.apply(row);
            texts[i++] = v == null ? null : v instanceof Enum<?> e ? e.name() : v.toString();
        }
        return new SqlArrayValue("text", texts);
    }
}
