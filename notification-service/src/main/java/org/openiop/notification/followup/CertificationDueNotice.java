package org.openiop.notification.followup;

import java.time.LocalDate;

/** A client's certification of need falling due (CertificationDue, read at the edge). */
record CertificationDueNotice(String clientId, String programId, LocalDate dueDate, LocalDate certifiedOn) {
}
