package org.openiop.notification.delivery;

import org.openiop.notification.contact.Channel;

/** Hands a composed message to the outside world over one channel. */
interface ChannelSender {

    Channel channel();

    /** @return the provider's id of the message (SMTP Message-ID, provider message sid) */
    String send(OutgoingMessage message) throws DeliveryFailure;
}
