package org.openiop.attendance.fhir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import ca.uhn.fhir.context.FhirContext;

/**
 * One FhirContext for the service: building it scans the R4 model (expensive), after which it is thread-safe. Lazy,
 * so a service that never serves FHIR does not pay for it at startup.
 */
@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    @Bean
    @Lazy
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }
}
