package org.openiop.webui.services;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Where the front door finds the services it calls on the signed-in user's behalf.
 *
 * @param schedulingUrl   base URL of scheduling-service (programs, sessions, bookings, series, planned minutes)
 * @param attendanceUrl   base URL of attendance-service (attendance, roster, compliance, CSV export, live stream)
 * @param notificationUrl base URL of notification-service (local message sinks)
 * @param liveTimeout     how long one live dashboard stream stays open before the browser reconnects
 */
@Validated
@ConfigurationProperties("iop.webui")
public record WebUiProperties(
        @NotBlank @DefaultValue("http://127.0.0.1:8081") String schedulingUrl,
        @NotBlank @DefaultValue("http://127.0.0.1:8082") String attendanceUrl,
        @NotBlank @DefaultValue("http://127.0.0.1:8083") String notificationUrl,
        @NotNull @DefaultValue("30m") Duration liveTimeout) {
}
