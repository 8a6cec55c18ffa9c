package org.openiop.notification.clientlink;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Clients' signed links (prefix {@code iop.notification.client-links}).
 *
 * @param secret   HMAC-SHA256 key, at least 32 bytes; the built-in value is refused outside the local and test profiles
 * @param lifetime how long a link stays valid
 * @param pageUrl  the front door's public base URL; a link is {@code <pageUrl>/c/<token>}
 */
@Validated
@ConfigurationProperties("iop.notification.client-links")
public record ClientLinkProperties(
        @NotBlank @DefaultValue(ClientLinks.LOCAL_SECRET) String secret,
        @NotNull @DefaultValue("14d") Duration lifetime,
        @NotBlank @DefaultValue("http://127.0.0.1:8080") String pageUrl) {
}
