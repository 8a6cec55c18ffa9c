package org.openiop.backbone.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Built-in users for the local run and tests only (refused in any other profile).
 *
 * @param users username, password (plain or {bcrypt}...) and roles of each built-in user
 */
@ConfigurationProperties("iop.security")
public record LocalUsersProperties(@DefaultValue List<User> users) {

    public record User(String username, String password, List<String> roles) {
    }
}
