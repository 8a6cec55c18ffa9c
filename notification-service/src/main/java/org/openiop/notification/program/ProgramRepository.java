package org.openiop.notification.program;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.Language;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Programs as this service knows them: the facts ProgramConfigured carries and the settings staff chose. */
@Repository
public class ProgramRepository {

    private final JdbcClient jdbc;
    private final ProgramSettings defaults;
    private final Language staffLanguage;

    public ProgramRepository(JdbcClient jdbc, ProgramDefaults defaults) {
        this.jdbc = jdbc;
        this.defaults = ProgramSettings.defaults(defaults);
        this.staffLanguage = defaults.staffLanguage();
    }

    /** The language of staff and officer alerts ({@code iop.notification.defaults.staff-language}). */
    public Language staffLanguage() {
        return staffLanguage;
    }

    /** Keeps the newest configuration: a late, older event does not overwrite a newer one. */
    public void configured(String programId, String timeZone, String locationLabel, String phone, String name,
            Instant at) {
        jdbc.sql("""
                INSERT INTO program (program_id, time_zone, location_label, phone, name, configured_at)
                VALUES (:id, :zone, :label, :phone, :name, :at)
                ON CONFLICT (program_id) DO UPDATE SET time_zone = excluded.time_zone,
                    location_label = excluded.location_label, phone = excluded.phone,
                    name = COALESCE(excluded.name, program.name), configured_at = excluded.configured_at
                WHERE program.configured_at <= excluded.configured_at""")
                .param("id", programId).param("zone", timeZone).param("label", locationLabel).param("phone", phone)
                .param("name", name).param("at", java.sql.Timestamp.from(at)).update();
    }

    public Optional<Program> find(String programId) {
        return jdbc.sql("SELECT * FROM program WHERE program_id = :id").param("id", programId)
                .query((rs, n) -> new Program(rs.getString("program_id"), ZoneId.of(rs.getString("time_zone")),
                        rs.getString("location_label"), rs.getString("phone"), rs.getString("name")))
                .optional();
    }

    public ProgramSettings settings(String programId) {
        return jdbc.sql("SELECT * FROM program_settings WHERE program_id = :id").param("id", programId)
                .query(ProgramRepository::settingsRow).optional().orElse(defaults);
    }

    public void saveSettings(String programId, ProgramSettings settings, Instant at) {
        jdbc.sql("""
                INSERT INTO program_settings (program_id, reminder_offsets, channels, staff_alert_emails, officer_emails,
                    compliance_alert_mode, digest_time, updated_at)
                VALUES (:id, :offsets, :channels, :staff, :officers, :mode, :digest, :at)
                ON CONFLICT (program_id) DO UPDATE SET reminder_offsets = excluded.reminder_offsets,
                    channels = excluded.channels, staff_alert_emails = excluded.staff_alert_emails,
                    officer_emails = excluded.officer_emails, compliance_alert_mode = excluded.compliance_alert_mode,
                    digest_time = excluded.digest_time, updated_at = excluded.updated_at""")
                .param("id", programId)
                .param("offsets", settings.reminderOffsets().stream().map(Duration::toString).toArray(String[]::new))
                .param("channels", settings.channels().stream().sorted().map(Enum::name).toArray(String[]::new))
                .param("staff", settings.staffAlertEmails().toArray(String[]::new))
                .param("officers", settings.officerEmails().toArray(String[]::new))
                .param("mode", settings.complianceAlertMode().name())
                .param("digest", Time.valueOf(settings.digestTime()))
                .param("at", java.sql.Timestamp.from(at)).update();
    }

    private static ProgramSettings settingsRow(ResultSet rs, int n) throws SQLException {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        strings(rs.getArray("channels")).forEach(c -> channels.add(Channel.valueOf(c)));
        return new ProgramSettings(strings(rs.getArray("reminder_offsets")).stream().map(Duration::parse).toList(),
                channels, strings(rs.getArray("staff_alert_emails")), strings(rs.getArray("officer_emails")),
                ComplianceAlertMode.valueOf(rs.getString("compliance_alert_mode")),
                rs.getTime("digest_time").toLocalTime());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf)
                .collect(Collectors.toList());
    }
}
