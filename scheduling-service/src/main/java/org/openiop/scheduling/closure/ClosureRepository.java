package org.openiop.scheduling.closure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ClosureRepository {

    private final JdbcClient jdbc;

    ClosureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Closure> covering(UUID programId, LocalDate day) {
        return jdbc.sql("SELECT * FROM closure WHERE program_id = :p AND :day BETWEEN first_day AND last_day")
                .param("p", programId).param("day", day).query(ClosureRepository::map).optional();
    }

    /** Closures overlapping local days [first, last]. */
    public List<Closure> between(UUID programId, LocalDate first, LocalDate last) {
        return jdbc.sql("""
                SELECT * FROM closure WHERE program_id = :p AND first_day <= :last AND last_day >= :first
                ORDER BY first_day""")
                .param("p", programId).param("first", first).param("last", last).query(ClosureRepository::map).list();
    }

    Optional<Closure> find(UUID programId, UUID closureId) {
        return jdbc.sql("SELECT * FROM closure WHERE program_id = :p AND id = :id")
                .param("p", programId).param("id", closureId).query(ClosureRepository::map).optional();
    }

    void delete(UUID closureId) {
        jdbc.sql("DELETE FROM closure WHERE id = :id").param("id", closureId).update();
    }

    void insert(Closure c) {
        jdbc.sql("INSERT INTO closure (id, program_id, first_day, last_day, reason) VALUES (:id, :p, :f, :l, :r)")
                .param("id", c.id()).param("p", c.programId()).param("f", c.firstDay()).param("l", c.lastDay())
                .param("r", c.reason()).update();
    }

    private static Closure map(ResultSet rs, int n) throws SQLException {
        return new Closure(rs.getObject("id", UUID.class), rs.getObject("program_id", UUID.class),
                rs.getObject("first_day", LocalDate.class), rs.getObject("last_day", LocalDate.class),
                rs.getString("reason"));
    }
}
