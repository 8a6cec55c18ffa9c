package org.openiop.events.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12.2 refuses to instantiate classes it has not been told to trust. Our generated event classes are the only
 * ones we add to Avro's defaults.
 */
final class TrustedEventPackages {

    private static volatile boolean registered;

    private TrustedEventPackages() {
    }

    static synchronized void register() {
        if (registered) {
            return;
        }
        ClassSecurityPredicate events = type -> type.getName().startsWith("org.openiop.events.");
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), events));
        registered = true;
    }
}
