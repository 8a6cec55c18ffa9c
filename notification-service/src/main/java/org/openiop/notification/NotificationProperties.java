package org.openiop.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Settings of the notification service (prefix {@code iop.notification}); a program's default notification settings
 * ({@code iop.notification.defaults}) are the {@code program} package's {@code ProgramDefaults}.
 *
 * @param dispatch the delivery queue's workers
 * @param email    outgoing email (the SMTP server itself is configured with Spring's {@code spring.mail.*})
 * @param sms      the SMS provider (Twilio's Messages API format)
 * @param local    the embedded sinks of the {@code local} profile
 * @param alerts   staff and officer alerts
 */
@Validated
@ConfigurationProperties("iop.notification")
public record NotificationProperties(
        @Valid @DefaultValue Dispatch dispatch,
        @Valid @DefaultValue Email email,
        @Valid @DefaultValue Sms sms,
        @Valid @DefaultValue Local local,
        @Valid @DefaultValue Alerts alerts) {

    /**
     * @param horizon how far ahead of the current program week an officer alert may be about: 0 days = only weeks
     *                that have started; an episode of a later week waits until the week comes within the horizon
     * @param pageUrl the front door's public base URL; alerts link to its staff and officer pages
     */
    public record Alerts(
            @NotNull @DefaultValue("0d") Duration horizon,
            @NotBlank @DefaultValue("http://127.0.0.1:8080") String pageUrl) {
    }

    /**
     * @param enabled        whether this instance runs dispatch workers (every instance may; claims never overlap)
     * @param pollInterval   how often a worker looks for due messages
     * @param batchSize      messages claimed per round
     * @param threads        messages sent in parallel per instance
     * @param lease          how long a claim holds; a message claimed by a crashed instance is taken over after it
     * @param maxAttempts    attempts before a transient failure is recorded as FAILED
     * @param initialBackoff wait after the first transient failure (doubles each time)
     * @param maxBackoff     longest wait between attempts
     * @param detailsWait    how long a message waits before looking again for details not known yet (contact, program)
     */
    public record Dispatch(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("1s") Duration pollInterval,
            @Min(1) @DefaultValue("200") int batchSize,
            @Min(1) @DefaultValue("8") int threads,
            @NotNull @DefaultValue("2m") Duration lease,
            @Min(1) @DefaultValue("6") int maxAttempts,
            @NotNull @DefaultValue("30s") Duration initialBackoff,
            @NotNull @DefaultValue("30m") Duration maxBackoff,
            @NotNull @DefaultValue("5m") Duration detailsWait) {
    }

    /**
     * @param from                  sender address of every email
     * @param messagesPerConnection messages sent over one SMTP connection before it is closed (providers cap it)
     * @param connectionIdleLimit   a kept SMTP connection idle longer than this is closed rather than reused
     */
    public record Email(@NotBlank @DefaultValue("reminders@openiop.local") String from,
            @Min(1) @DefaultValue("100") int messagesPerConnection,
            @NotNull @DefaultValue("20s") Duration connectionIdleLimit) {
    }

    /**
     * @param baseUrl         provider base URL; messages go to {baseUrl}/2010-04-01/Accounts/{accountSid}/Messages.json
     * @param accountSid      account id (HTTP Basic user)
     * @param authToken       secret (HTTP Basic password; also signs inbound webhooks)
     * @param from            sending number (E.164)
     * @param connectTimeout  connection timeout
     * @param readTimeout     response timeout (a timeout is a transient failure)
     * @param verifyWebhook   check the X-Twilio-Signature of inbound webhooks
     * @param webhookUrl      public URL of the inbound webhook as the provider calls it (signatures cover it); empty
     *                        means the URL of the request as received
     * @param replayWindow    an inbound call whose signed Timestamp is further than this from now is refused
     */
    public record Sms(
            @NotBlank @DefaultValue("http://127.0.0.1:8083/local-sinks/sms") String baseUrl,
            @NotBlank @DefaultValue("AC00000000000000000000000000000000") String accountSid,
            @NotBlank @DefaultValue("local-token") String authToken,
            @NotBlank @DefaultValue("+15005550006") String from,
            @NotNull @DefaultValue("2s") Duration connectTimeout,
            @NotNull @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("true") boolean verifyWebhook,
            @DefaultValue("") String webhookUrl,
            @NotNull @DefaultValue("5m") Duration replayWindow) {
    }

    /**
     * @param smtpPort     port of the embedded SMTP server (profile local); 0 takes any free port (the start that
     *                     trains the class-data-sharing archive, deploy/local/start and the Dockerfile)
     * @param smsSinkLimit SMS kept in memory by the local sink (oldest dropped first)
     */
    public record Local(@Min(0) @DefaultValue("3025") int smtpPort, @Min(1) @DefaultValue("1000") int smsSinkLimit) {
    }
}
