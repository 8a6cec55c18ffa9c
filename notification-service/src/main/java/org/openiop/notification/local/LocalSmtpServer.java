package org.openiop.notification.local;

import java.util.List;

import org.openiop.notification.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * The local profile's email sink: a real SMTP server (GreenMail) inside the service, so a newcomer sees exactly what
 * clients would receive without any mail account. Keeps at most the configured number of messages.
 */
@Component
@Profile("local")
class LocalSmtpServer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalSmtpServer.class);

    private final GreenMail server;
    private final int limit;

    LocalSmtpServer(NotificationProperties properties) {
        this.server = new GreenMail(new ServerSetup(properties.local().smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.limit = properties.local().smsSinkLimit();
        server.start();
        log.info("Local SMTP sink listening on 127.0.0.1:{}", properties.local().smtpPort());
    }

    public List<MimeMessage> received() {
        return List.of(server.getReceivedMessages());
    }

    /** Often and at the limit: a reminder burst would otherwise keep tens of thousands of messages in the heap. */
    @Scheduled(fixedDelay = 5_000)
    void trim() throws Exception {
        if (server.getReceivedMessages().length > limit) {
            server.purgeEmailFromAllMailboxes();
        }
    }

    @Override
    public void destroy() {
        server.stop();
    }
}
