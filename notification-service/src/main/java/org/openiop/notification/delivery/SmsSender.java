package org.openiop.notification.delivery;

import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import java.util.Map;

import org.openiop.notification.NotificationProperties;
import org.openiop.notification.contact.Channel;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through an HTTP provider speaking Twilio's Messages API: POST
 * {baseUrl}/2010-04-01/Accounts/{sid}/Messages.json, form fields To, From, Body, HTTP Basic with the account sid and
 * auth token; the response's {@code sid} is the provider id. 5xx, 429 and timeouts are transient; other 4xx are
 * permanent (recorded with the status and the provider's error code, never the number).
 */
@Component
class SmsSender implements ChannelSender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient client;
    private final NotificationProperties.Sms sms;

    SmsSender(RestClient.Builder builder, NotificationProperties properties) {
        this.sms = properties.sms();
        // HTTP/1.1 with the client's connection pool: kept-alive connections reused across messages and threads (no
        // h2c upgrade attempt on plain http, which Twilio-style endpoints and the local sink do not speak).
        // Two threads for the client's internal work: its default executor grows one thread per request in flight
        // (28 in a burst with 16 senders), each with its stack, while the senders themselves wait on their answers.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(sms.connectTimeout()).executor(Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "sms-http");
                    t.setDaemon(true);
                    return t;
                })).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(sms.readTimeout());
        this.client = builder.clone().baseUrl(sms.baseUrl()).requestFactory(requests)
                .defaultHeaders(h -> h.setBasicAuth(sms.accountSid(), sms.authToken())).build();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String send(OutgoingMessage message) throws DeliveryFailure {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", message.to());
        form.add("From", sms.from());
        form.add("Body", message.text());
        try {
            String body = client.post().uri("/2010-04-01/Accounts/{sid}/Messages.json", sms.accountSid())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.APPLICATION_JSON)
                    .body(form).retrieve().body(String.class);
            Object sid = body == null ? null : JSON.readValue(body, Map.class).get("sid");
            return sid == null ? null : sid.toString();
        } catch (RestClientResponseException e) {
            HttpStatusCode status = e.getStatusCode();
            boolean transientFailure = status.is5xxServerError() || status.value() == 429;
            throw new DeliveryFailure(!transientFailure,
                    "SMS provider answered " + status.value() + errorCode(e.getResponseBodyAsString()), e);
        } catch (ResourceAccessException e) {
            throw new DeliveryFailure(false, "SMS provider unreachable or timed out", e);
        }
    }

    /** Twilio's numeric error code only: its message text may quote the number. */
    private static String errorCode(String body) {
        try {
            Object code = JSON.readValue(body, Map.class).get("code");
            return code == null ? "" : " (code " + code + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

}
