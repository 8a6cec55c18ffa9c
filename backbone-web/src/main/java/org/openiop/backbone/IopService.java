package org.openiop.backbone;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a service's application class with its short name (e.g. "scheduling"). The backbone derives from it the
 * service's configuration file ({@code <name>-service.yml}, so three services can share one classpath in end-to-end
 * tests), its application name and its PostgreSQL schema.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface IopService {

    String value();
}
