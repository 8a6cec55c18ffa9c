package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openiop.webui.services.ProgramDirectory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** One time format on every page (24-hour hours and minutes), in the program's own time, written only by Format. */
class FormatTest {

    private final Format fmt = new Format(new StaticListableBeanFactory().getBeanProvider(ProgramDirectory.class));

    @Test
    void timesAreTheProgramsLocal24HourClockWithoutSeconds() {
        Instant afternoon = Instant.parse("2026-11-23T19:05:42Z");
        assertThat(fmt.time(afternoon, "America/New_York")).isEqualTo("14:05");
        assertThat(fmt.time(afternoon, "Europe/Berlin")).isEqualTo("20:05");
        assertThat(fmt.time(LocalTime.of(9, 0, 30))).isEqualTo("09:00");
        assertThat(fmt.span(LocalTime.of(9, 0), LocalTime.of(12, 0))).isEqualTo("09:00–12:00");
        assertThat(fmt.span(LocalTime.of(13, 0), LocalTime.of(16, 0))).isEqualTo("13:00–16:00");
        assertThat(fmt.span(afternoon, afternoon.plusSeconds(3 * 3600), "America/New_York")).isEqualTo("14:05–17:05");
        assertThat(fmt.dayAndTime(afternoon, "America/New_York")).isEqualTo("Mon 23 Nov 14:05");
        // just after midnight UTC is still the evening before in New York: the day follows the program's zone too
        assertThat(fmt.dayAndTime(Instant.parse("2026-11-24T01:30:00Z"), "America/New_York"))
                .isEqualTo("Mon 23 Nov 20:30");
        assertThat(fmt.day(LocalDate.of(2026, 11, 29))).isEqualTo("Sun 29 Nov");
        // a heading's day names its weekday once ("Saturday Sat 28 Nov" was seen on the roster)
        assertThat(fmt.longDay(LocalDate.of(2026, 11, 28))).isEqualTo("Saturday 28 Nov");
        assertThat(fmt.time((Instant) null, "UTC")).isEmpty();
    }

    @Test
    void withoutAProgramTheZoneIsSaidToBeUtc() {
        assertThat(fmt.programZone(null)).isEqualTo("UTC");
        assertThat(fmt.programZone("4b1c6f0e-0000-0000-0000-000000000000")).isEqualTo("UTC"); // no directory here
    }

    /** A time glued together in a template, a 12-hour pattern or the browser's own clock format would mix formats. */
    private static final List<Pattern> OTHER_TIME_FORMATS = List.of(
            Pattern.compile("(?:start|end|Time|At)\\(\\)\\s*\\+\\s*'–'"),
            Pattern.compile("'–'\\s*\\+\\s*[\\w.()]*(?:end|Time|At)\\(\\)\\s*[+}]"),
            Pattern.compile("#temporals|#dates|h:mm a|hh:mm|toLocaleTimeString|toLocaleString|\\+ ' UTC'"));

    @Test
    void templatesAndScriptsWriteTimesOnlyThroughFormat() throws IOException {
        Path resources = Path.of("src", "main", "resources");
        try (Stream<Path> files = Files.walk(resources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html") || f.toString().endsWith(".js"))
                    .filter(f -> !f.toString().contains("webjars")).toList()) {
                String text = Files.readString(file);
                for (Pattern other : OTHER_TIME_FORMATS) {
                    assertThat(other.matcher(text).results().map(m -> m.group()).toList())
                            .as("%s writes a time outside Format (@fmt)", resources.relativize(file)).isEmpty();
                }
            }
        }
    }
}
