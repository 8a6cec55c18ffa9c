package org.openiop.backbone.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberingPasswordEncoderTest {

    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final RememberingPasswordEncoder encoder = new RememberingPasswordEncoder(new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            bcryptChecks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    });

    @Test
    void aVerifiedPasswordIsCheckedWithBcryptOnlyOnce() {
        String hash = encoder.encode("staff-password");
        assertThat(encoder.matches("staff-password", hash)).isTrue();
        assertThat(encoder.matches("staff-password", hash)).isTrue();
        assertThat(encoder.matches("staff-password", hash)).isTrue();
        assertThat(bcryptChecks).hasValue(1);
        assertThat(encoder.remembered()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsNeverRememberedAndAlwaysPaysTheFullCheck() {
        String hash = encoder.encode("staff-password");
        assertThat(encoder.matches("guess", hash)).isFalse();
        assertThat(encoder.matches("guess", hash)).isFalse();
        assertThat(encoder.matches("staff-password" + "x", hash)).isFalse();
        assertThat(bcryptChecks).hasValue(3);
        assertThat(encoder.remembered()).isZero();
    }

    @Test
    void aChangedPasswordHashDoesNotMatchWhatWasRememberedForTheOldOne() {
        String oldHash = encoder.encode("old-password");
        assertThat(encoder.matches("old-password", oldHash)).isTrue();
        String newHash = encoder.encode("new-password");
        assertThat(encoder.matches("old-password", newHash)).isFalse();
        assertThat(encoder.matches("new-password", newHash)).isTrue();
        assertThat(bcryptChecks).hasValue(3);
    }
}
