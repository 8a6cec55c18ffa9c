package org.openiop.webui.services;

import org.openiop.webui.signin.UserAuthorization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The three services the pages are built on, each at its configured base URL. */
@Configuration(proxyBeanMethods = false)
public class Services {

    public record Apis(Service scheduling, Service attendance, Service notification) {
    }

    @Bean
    Apis apis(WebUiProperties properties, RestClient.Builder builder, UserAuthorization user) {
        return new Apis(new Service("scheduling", properties.schedulingUrl(), builder, user::header),
                new Service("attendance", properties.attendanceUrl(), builder, user::header),
                new Service("notification", properties.notificationUrl(), builder, user::header));
    }

    @Bean
    Gather gather(UserAuthorization user) {
        return new Gather(user::header);
    }
}
