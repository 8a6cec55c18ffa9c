package org.openiop.webui;

import org.openiop.backbone.IopService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The front door: pages for staff, compliance officers and the local message sinks, over the services' APIs. */
@SpringBootApplication
@ConfigurationPropertiesScan
@IopService("webui")
public class WebUiApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebUiApplication.class, args);
    }
}
