package org.openiop.notification.hold;

/** The client's answer to a seat held for them (notification's own type; the event carries it as HoldAnswer). */
enum HoldReply {
    ACCEPT, DECLINE
}
