package org.openiop.scheduling.program;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ProgramRepository {

    private final JdbcClient jdbc;

    ProgramRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Program> find(UUID id) {
        // blocks first: a query inside the row mapper would hold two pooled connections at once and, outside a
        // transaction under load, exhaust the pool
        List<BlockTemplate> blocks = blocks(id);
        return jdbc.sql("SELECT * FROM program WHERE id = :id").param("id", id)
                .query((rs, n) -> program(rs, blocks)).optional();
    }

    private static Program program(ResultSet rs, List<BlockTemplate> blocks) throws SQLException {
        return new Program(rs.getObject("id", UUID.class), rs.getString("name"),
                rs.getString("time_zone"), rs.getString("location_label"), rs.getString("phone"),
                DayOfWeek.valueOf(rs.getString("week_start")), rs.getInt("adult_minimum_minutes"),
                rs.getInt("adolescent_minimum_minutes"), rs.getInt("no_show_grace_minutes"),
                rs.getInt("daily_threshold_minutes"), rs.getInt("step_down_allowance_weeks"),
                rs.getInt("default_group_capacity"), blocks);
    }

    /** The program, or a 404 naming the field that carried its id. */
    public Program get(UUID id, String field) {
        return find(id).orElseThrow(() -> RuleViolation.notFound(field, "Program", id));
    }

    /**
     * Takes the program's row lock: closures take it exclusively, bookings share it (in the booking trigger), so a
     * closure and a booking it covers never both commit.
     */
    public void lockForClosure(UUID id) {
        jdbc.sql("SELECT id FROM program WHERE id = :id FOR NO KEY UPDATE").param("id", id).query(UUID.class)
                .optional().orElseThrow(() -> RuleViolation.notFound("programId", "Program", id));
    }

    /** Shares the program's row lock, as bookings do: a closure being added waits, and vice versa. */
    public void shareLock(UUID id) {
        jdbc.sql("SELECT id FROM program WHERE id = :id FOR SHARE").param("id", id).query(UUID.class)
                .optional().orElseThrow(() -> RuleViolation.notFound("programId", "Program", id));
    }

    /**
     * One page of programs by name, optionally only those whose name contains {@code search} (case-insensitive), in
     * two queries whatever the page size: the programs, then all their blocks.
     */
    public List<Program> page(String search, int limit, long offset) {
        List<UUID> ids = new ArrayList<>();
        Map<UUID, List<BlockTemplate>> blocks = new HashMap<>();
        List<Program> page = jdbc.sql("SELECT * FROM program" + (search == null ? "" : " WHERE " + NAME_CONTAINS)
                + " ORDER BY name, id LIMIT :limit OFFSET :offset")
                .params(searchParams(search)).param("limit", limit).param("offset", offset)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    ids.add(id);
                    return program(rs, blocks.computeIfAbsent(id, k -> new ArrayList<>()));
                }).list();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT program_id, name, start_time, end_time FROM block_template WHERE program_id IN (:ids)"
                    + " ORDER BY start_time").param("ids", ids)
                    .query(rs -> {
                        blocks.get(rs.getObject("program_id", UUID.class)).add(new BlockTemplate(rs.getString("name"),
                                rs.getObject("start_time", LocalTime.class), rs.getObject("end_time", LocalTime.class)));
                    });
        }
        return page;
    }

    public long count(String search) {
        return jdbc.sql("SELECT count(*) FROM program" + (search == null ? "" : " WHERE " + NAME_CONTAINS))
                .params(searchParams(search)).query(Long.class).single();
    }

    private static final String NAME_CONTAINS = "name ILIKE :pattern ESCAPE '\\'";

    private static Map<String, Object> searchParams(String search) {
        return search == null ? Map.of()
                : Map.of("pattern", "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }

    void save(Program p, boolean create) {
        String sql = create ? """
                INSERT INTO program (id, name, time_zone, location_label, phone, week_start, adult_minimum_minutes,
                    adolescent_minimum_minutes, no_show_grace_minutes, daily_threshold_minutes,
                    step_down_allowance_weeks, default_group_capacity)
                VALUES (:id, :name, :zone, :label, :phone, :weekStart, :adult, :adolescent, :grace, :daily,
                    :allowance, :capacity)"""
                : """
                UPDATE program SET name = :name, time_zone = :zone, location_label = :label, phone = :phone,
                    week_start = :weekStart, adult_minimum_minutes = :adult, adolescent_minimum_minutes = :adolescent,
                    no_show_grace_minutes = :grace, daily_threshold_minutes = :daily,
                    step_down_allowance_weeks = :allowance, default_group_capacity = :capacity, updated_at = now()
                WHERE id = :id""";
        jdbc.sql(sql).param("id", p.id()).param("name", p.name()).param("zone", p.timeZone())
                .param("label", p.locationLabel()).param("phone", p.phone()).param("weekStart", p.weekStart().name())
                .param("adult", p.adultMinimumMinutes()).param("adolescent", p.adolescentMinimumMinutes())
                .param("grace", p.noShowGraceMinutes()).param("daily", p.dailyThresholdMinutes())
                .param("allowance", p.stepDownAllowanceWeeks()).param("capacity", p.defaultGroupCapacity())
                .update();
        jdbc.sql("DELETE FROM block_template WHERE program_id = :id").param("id", p.id()).update();
        for (BlockTemplate b : p.blocks()) {
            jdbc.sql("INSERT INTO block_template (program_id, name, start_time, end_time) VALUES (:id, :n, :s, :e)")
                    .param("id", p.id()).param("n", b.name()).param("s", b.startTime()).param("e", b.endTime())
                    .update();
        }
    }

    private List<BlockTemplate> blocks(UUID programId) {
        return jdbc.sql("SELECT name, start_time, end_time FROM block_template WHERE program_id = :id ORDER BY start_time")
                .param("id", programId)
                .query((rs, n) -> new BlockTemplate(rs.getString("name"),
                        rs.getObject("start_time", java.time.LocalTime.class),
                        rs.getObject("end_time", java.time.LocalTime.class)))
                .list();
    }
}
