package org.openiop.scheduling.series;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openiop.scheduling.session.SessionType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SeriesRepository {

    private final JdbcClient jdbc;

    SeriesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Series s) {
        jdbc.sql("""
                INSERT INTO series (id, program_id, client_id, session_type, block, start_time, end_time, topic,
                    clinician_id, room_id, capacity, first_day, last_day)
                VALUES (:id, :p, :c, :type, :block, :start, :end, :topic, :clinician, :room, :capacity, :first, :last)""")
                .param("id", s.id()).param("p", s.programId()).param("c", s.clientId()).param("type", s.type().name())
                .param("block", s.block()).param("start", s.startTime()).param("end", s.endTime())
                .param("topic", s.topic()).param("clinician", s.clinicianId()).param("room", s.roomId())
                .param("capacity", s.capacity()).param("first", s.firstDay()).param("last", s.lastDay()).update();
    }

    void addRule(UUID seriesId, LocalDate effectiveFrom, String rrule) {
        jdbc.sql("""
                INSERT INTO series_rule (series_id, effective_from, rrule) VALUES (:s, :from, :rule)
                ON CONFLICT (series_id, effective_from) DO UPDATE SET rrule = :rule, created_at = now()""")
                .param("s", seriesId).param("from", effectiveFrom).param("rule", rrule).update();
    }

    Optional<Series> find(UUID id) {
        return jdbc.sql("SELECT * FROM series WHERE id = :id").param("id", id).query(SeriesRepository::map).optional();
    }

    Optional<Series> lock(UUID id) {
        return jdbc.sql("SELECT * FROM series WHERE id = :id FOR UPDATE").param("id", id)
                .query(SeriesRepository::map).optional();
    }

    List<Series> ofClient(UUID clientId) {
        return jdbc.sql("SELECT * FROM series WHERE client_id = :c ORDER BY first_day, id").param("c", clientId)
                .query(SeriesRepository::map).list();
    }

    record Rule(LocalDate effectiveFrom, String rrule) {
    }

    List<Rule> rules(UUID seriesId) {
        return jdbc.sql("SELECT effective_from, rrule FROM series_rule WHERE series_id = :s ORDER BY effective_from")
                .param("s", seriesId)
                .query((rs, n) -> new Rule(rs.getObject("effective_from", LocalDate.class), rs.getString("rrule")))
                .list();
    }

    void end(UUID id, LocalDate lastDay) {
        jdbc.sql("UPDATE series SET status = 'ENDED', last_day = GREATEST(first_day, :last) WHERE id = :id")
                .param("id", id).param("last", lastDay).update();
    }

    private static Series map(ResultSet rs, int n) throws SQLException {
        Object capacity = rs.getObject("capacity");
        return new Series(rs.getObject("id", UUID.class), rs.getObject("program_id", UUID.class),
                rs.getObject("client_id", UUID.class), SessionType.valueOf(rs.getString("session_type")),
                rs.getString("block"), rs.getObject("start_time", LocalTime.class),
                rs.getObject("end_time", LocalTime.class), rs.getString("topic"),
                rs.getObject("clinician_id", UUID.class), rs.getObject("room_id", UUID.class),
                capacity == null ? null : ((Number) capacity).intValue(), rs.getObject("first_day", LocalDate.class),
                rs.getObject("last_day", LocalDate.class), rs.getString("status"));
    }
}
