package org.openiop.notification.telehealth;

import org.openiop.backbone.telehealth.JoinKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class TelehealthConfiguration {

    @Bean
    JoinKeys joinKeys(Environment environment) {
        return JoinKeys.from(environment);
    }
}
