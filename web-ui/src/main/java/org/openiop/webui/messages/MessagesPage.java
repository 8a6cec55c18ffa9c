package org.openiop.webui.messages;

import java.util.List;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The emails and text messages clients would have received, as caught by notification-service's local sinks (local
 * profile only; elsewhere messages really go out and this page says so).
 */
@Controller
class MessagesPage {

    private final Services.Apis apis;

    MessagesPage(Services.Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/messages")
    String messages(@RequestParam(required = false) String channel, Model model) {
        try {
            List<Api.SinkMessage> messages = apis.notification().get(
                    new ParameterizedTypeReference<List<Api.SinkMessage>>() { }, b -> {
                        b.path("/api/outbox/messages").queryParam("limit", 200);
                        if (channel != null && !channel.isBlank()) {
                            b.queryParam("channel", channel);
                        }
                        return b.build();
                    });
            model.addAttribute("messages", messages);
        } catch (ServiceProblem e) {
            if (e.status() != 404) {
                throw e;
            }
            model.addAttribute("noSinks", true);
        }
        model.addAttribute("channel", channel);
        return "messages";
    }
}
