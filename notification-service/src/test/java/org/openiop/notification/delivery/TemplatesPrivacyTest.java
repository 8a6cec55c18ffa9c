package org.openiop.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openiop.notification.contact.Language;

/**
 * 42 CFR Part 2: a reminder must not reveal that its reader is in treatment. Every template in every language is
 * checked against words that name a treatment, diagnosis, service or programme type.
 */
public class TemplatesPrivacyTest {

    public static final List<String> DENIED = List.of(
            // English
            "therap", "treatment", "clinic", "counsel", "rehab", "recovery", "addict", "substance", "alcohol", "drug",
            "mental", "psych", "behavio", "outpatient", "inpatient", "iop", "intensive", "diagnos", "detox", "sober",
            "medicat", "patient", "program", "relapse", "dependen", "abuse", "health", "hospital", "cbt", "dbt",
            "group", "session",
            // Spanish
            "terap", "tratamiento", "clinica", "consejer", "rehabilit", "recuperacion", "adicc", "sustancia",
            "droga", "psiqui", "conductual", "ambulatori", "diagnost", "desintox", "sobriedad", "medicacion",
            "paciente", "programa", "recaida", "dependencia", "abuso", "salud", "hospital", "grupo", "sesion");

    final Templates templates = new Templates();

    @ParameterizedTest
    @EnumSource(Language.class)
    void no_template_contains_a_word_that_reveals_treatment(Language language) {
        Map<String, String> all = templates.all(language);
        assertThat(all).isNotEmpty();
        all.forEach((key, text) -> {
            String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                    .toLowerCase(Locale.ROOT);
            for (String word : DENIED) {
                assertThat(plain).as("%s %s must not contain '%s'", language, key, word)
                        .doesNotContainPattern("\\b" + word);
            }
        });
    }

    @Test
    void every_language_has_every_template() {
        assertThat(templates.all(Language.es).keySet()).isEqualTo(templates.all(Language.en).keySet());
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void client_texts_use_only_date_time_location_phone_and_link(Language language) {
        templates.all(language).forEach((key, text) -> {
            if (!key.startsWith("STAFF") && !key.startsWith("COMPLIANCE")) {
                // {link} is the client's signed page link: a front-door URL with an opaque token, nothing more;
                // {until} a held seat's deadline, written with UNTIL.format from a time and a date
                assertThat(text.replaceAll("\\{(date|time|location|phone|link|until)}", ""))
                        .as("%s %s", language, key).doesNotContain("{");
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void the_held_seat_text_is_covered_in_every_form(Language language) {
        assertThat(templates.all(language)).containsKeys("WAITLIST_HOLD.subject", "WAITLIST_HOLD.body",
                "WAITLIST_HOLD.sms", "UNTIL.format");
        assertThat(templates.all(language).get("WAITLIST_HOLD.sms")).contains("{until}", "{link}");
    }

    @Test
    void the_deny_list_catches_what_it_should() {
        String plain = "Your therapy session at the clinic".toLowerCase(Locale.ROOT);
        assertThat(DENIED.stream().filter(w -> plain.matches("(?s).*\\b" + w + ".*"))).contains("therap", "clinic");
    }
}
