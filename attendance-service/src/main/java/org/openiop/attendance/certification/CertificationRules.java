package org.openiop.attendance.certification;

import java.time.LocalDate;

/**
 * When a physician's certification of need must be renewed. Medicare (since 2024) requires IOP to be re-certified at
 * least every other month, so a certification runs out two calendar months after it was signed, or at the end of the
 * period it certifies if that comes first.
 */
final class CertificationRules {

    /** "At least every other month". */
    public static final int RECERTIFY_EVERY_MONTHS = 2;
    /** How far ahead staff are told a re-certification is due. */
    public static final int DUE_SOON_DAYS = 14;

    private CertificationRules() {
    }

    /** Last day by which the re-certification must be signed. */
    public static LocalDate dueDate(LocalDate certifiedOn, LocalDate periodEnd) {
        LocalDate everyOtherMonth = certifiedOn.plusMonths(RECERTIFY_EVERY_MONTHS);
        return periodEnd.isBefore(everyOtherMonth) ? periodEnd : everyOtherMonth;
    }

    /** Whether a certification due on {@code dueDate} is to be listed and announced on {@code today}. */
    public static boolean dueSoon(LocalDate dueDate, LocalDate today, int withinDays) {
        return !dueDate.isAfter(today.plusDays(withinDays));
    }
}
