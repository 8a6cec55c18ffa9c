package org.openiop.scheduling.sweep;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * A sweep in batches, each claimed and handled in one transaction, repeated while batches come back full: what the
 * waitlist's hold expiry and the offers' expiry share. Claims are expected to lock with SKIP LOCKED, so several
 * instances share the work.
 *
 * @param transactions the transaction each batch runs in
 * @param batchSize    rows claimed per batch
 */
public record BatchSweep(TransactionTemplate transactions, int batchSize) {

    /**
     * @param claim  claims up to the given number of due rows (locked for this transaction)
     * @param handle applied to each claimed row, in the same transaction
     */
    public <T> void run(IntFunction<List<T>> claim, Consumer<T> handle) {
        while (once(claim, handle) == batchSize) {
            // a full batch: there may be more
        }
    }

    /** One batch in one transaction; returns how many rows it claimed. */
    public <T> int once(IntFunction<List<T>> claim, Consumer<T> handle) {
        Integer done = transactions.execute(status -> {
            List<T> due = claim.apply(batchSize);
            due.forEach(handle);
            return due.size();
        });
        return done == null ? 0 : done;
    }
}
