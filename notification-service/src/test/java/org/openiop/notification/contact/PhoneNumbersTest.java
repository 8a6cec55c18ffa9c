package org.openiop.notification.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void valid_international_numbers_are_normalised_to_e164() {
        assertThat(PhoneNumbers.toE164("+1 212-555-0123")).contains("+12125550123");
        assertThat(PhoneNumbers.toE164("+34 612 34 56 78")).contains("+34612345678");
    }

    @Test
    void numbers_without_country_code_or_impossible_ones_are_refused() {
        assertThat(PhoneNumbers.toE164("212-555-0123")).isEmpty();
        assertThat(PhoneNumbers.toE164("+1 012 555 0123")).isEmpty(); // no NANP area code starts with 0
        assertThat(PhoneNumbers.toE164("+44 12")).isEmpty();
        assertThat(PhoneNumbers.toE164("call me")).isEmpty();
        assertThat(PhoneNumbers.toE164(null)).isEmpty();
    }

    @Test
    void a_twilio_signature_verifies_only_the_exact_url_and_parameters_it_signed() {
        Map<String, String> form = Map.of("From", "+12125550123", "Body", "STOP", "To", "+15005550006");
        String url = "https://example.org/api/sms/inbound";
        String signature = TwilioSignature.sign("secret", url, form);

        assertThat(TwilioSignature.verify("secret", url, form, signature)).isTrue();
        assertThat(TwilioSignature.verify("other", url, form, signature)).isFalse();
        assertThat(TwilioSignature.verify("secret", url + "?x=1", form, signature)).isFalse();
        assertThat(TwilioSignature.verify("secret", url, Map.of("From", "+12125550124", "Body", "STOP",
                "To", "+15005550006"), signature)).isFalse();
        assertThat(TwilioSignature.verify("secret", url, form, null)).isFalse();
    }
}
