package org.openiop.attendance.certification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Looks for certifications falling due; the announcement itself is idempotent (see CertificationService#announceDue). */
@Component
class CertificationDueSweep {

    private static final Logger log = LoggerFactory.getLogger(CertificationDueSweep.class);

    private final CertificationService certifications;

    CertificationDueSweep(CertificationService certifications) {
        this.certifications = certifications;
    }

    @Scheduled(fixedDelayString = "${attendance.certification.check-every:1h}", initialDelayString = "10s")
    void sweep() {
        try {
            int announced = certifications.announceDue();
            if (announced > 0) {
                log.info("Announced {} certification(s) falling due", announced);
            }
        } catch (RuntimeException e) {
            log.error("Certification due sweep failed; retried at the next run", e);
        }
    }
}
