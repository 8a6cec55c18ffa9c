package org.openiop.attendance;

import java.time.Clock;

import org.openiop.backbone.IopService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@IopService("attendance")
public class AttendanceApplication {

    /** One clock for every "now" in this service, so rules that depend on time read it from one place. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(AttendanceApplication.class, args);
    }
}
