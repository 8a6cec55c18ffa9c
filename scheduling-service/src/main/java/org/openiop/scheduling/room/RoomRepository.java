package org.openiop.scheduling.room;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class RoomRepository {

    private final JdbcClient jdbc;

    RoomRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Room> find(UUID id) {
        return jdbc.sql("SELECT * FROM room WHERE id = :id").param("id", id).query(RoomRepository::map).optional();
    }

    /** An active room of the program that seats at least {@code seats}, or the 404 / 422 explaining why not. */
    public Room usableIn(UUID programId, UUID id, int seats) {
        Room room = find(id).filter(r -> r.programId().equals(programId))
                .orElseThrow(() -> RuleViolation.notFound("roomId", "Room", id));
        if (!room.active()) {
            throw RuleViolation.unprocessable("room-inactive", "roomId", "Room " + id + " is inactive");
        }
        if (room.capacity() < seats) {
            throw RuleViolation.unprocessable("room-too-small", "capacity",
                    "capacity " + seats + " exceeds the room's " + room.capacity() + " seats");
        }
        return room;
    }

    void save(Room r) {
        jdbc.sql("""
                INSERT INTO room (id, program_id, name, capacity, active) VALUES (:id, :p, :name, :capacity, :active)
                ON CONFLICT (id) DO UPDATE SET name = :name, capacity = :capacity, active = :active""")
                .param("id", r.id()).param("p", r.programId()).param("name", r.name())
                .param("capacity", r.capacity()).param("active", r.active()).update();
    }

    List<Room> page(UUID programId, int limit, long offset) {
        return jdbc.sql("SELECT * FROM room WHERE program_id = :p ORDER BY name LIMIT :l OFFSET :o")
                .param("p", programId).param("l", limit).param("o", offset).query(RoomRepository::map).list();
    }

    long count(UUID programId) {
        return jdbc.sql("SELECT count(*) FROM room WHERE program_id = :p").param("p", programId)
                .query(Long.class).single();
    }

    private static Room map(ResultSet rs, int n) throws SQLException {
        return new Room(rs.getObject("id", UUID.class), rs.getObject("program_id", UUID.class), rs.getString("name"),
                rs.getInt("capacity"), rs.getBoolean("active"));
    }
}
