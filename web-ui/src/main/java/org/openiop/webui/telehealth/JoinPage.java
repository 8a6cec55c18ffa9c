package org.openiop.webui.telehealth;

import java.net.URI;
import java.util.regex.Pattern;

import org.openiop.webui.services.WebUiProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.RestClient;

import jakarta.servlet.http.HttpServletResponse;

/**
 * "Join online" ({@code /j/<join code>}, in reminders and on the client's page): the front door asks
 * scheduling-service for the session's meeting link with the code, which is the only credential (ADR 0011), and
 * sends the client on to it. Outside the join window, or for an unknown or cancelled booking, a plain page says so.
 * The page names no service or treatment.
 */
@Controller
class JoinPage {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{35}");

    private final RestClient scheduling;

    JoinPage(WebUiProperties properties, RestClient.Builder builder) {
        this.scheduling = builder.clone().baseUrl(properties.schedulingUrl()).build();
    }

    record Join(URI url) {
    }

    @GetMapping("/j/{code}")
    String join(@PathVariable String code, Model model, HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (!CODE.matcher(code).matches()) {
            return answer(model, response, HttpStatus.NOT_FOUND, "unknown");
        }
        return scheduling.get().uri("/api/telehealth/join/{code}", code)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .exchange((request, answer) -> {
                    int status = answer.getStatusCode().value();
                    if (status == 200) {
                        Join join = answer.bodyTo(Join.class);
                        if (join != null && join.url() != null && "https".equalsIgnoreCase(join.url().getScheme())) {
                            return "redirect:" + join.url();
                        }
                        return answer(model, response, HttpStatus.BAD_GATEWAY, "unavailable");
                    }
                    if (status == 409) {
                        return answer(model, response, HttpStatus.CONFLICT, "not-open");
                    }
                    if (status == 404) {
                        return answer(model, response, HttpStatus.NOT_FOUND, "unknown");
                    }
                    return answer(model, response, HttpStatus.BAD_GATEWAY, "unavailable");
                });
    }

    private static String answer(Model model, HttpServletResponse response, HttpStatus status, String state) {
        response.setStatus(status.value());
        model.addAttribute("state", state);
        return "client/join";
    }
}
