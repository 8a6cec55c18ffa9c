package org.openiop.notification.contact;

import java.util.Locale;

/** Languages every client-facing text exists in. Lower-case codes, as clients and staff write them (ISO 639-1). */
public enum Language {
    en(Locale.US), es(Locale.forLanguageTag("es"));

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }
}
