package org.openiop.webui.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlainErrorsTest {

    @Test
    void serviceMessagesBecomeSentencesKeyedByField() {
        Problem problem = new Problem("Invalid", null, "invalid", 400, List.of(
                new Problem.FieldError("dateOfBirth", "must not be null"),
                new Problem.FieldError("adultMinimumMinutes", "must be greater than or equal to 1"),
                new Problem.FieldError("note", "size must be between 0 and 500"),
                new Problem.FieldError("endTime", "endTime must be after startTime")));
        assertThat(PlainErrors.of(problem)).containsEntry("dateOfBirth", "Please fill this in.")
                .containsEntry("adultMinimumMinutes", "This must be at least 1.")
                .containsEntry("note", "Please keep this to 500 characters.")
                .containsEntry("endTime", "End time must be after start time.");
        assertThat(PlainErrors.sentence("clientId is not enrolled in this program"))
                .isEqualTo("Client is not enrolled in this program.");
    }
}
