package org.openiop.scheduling.room;

import java.net.URI;
import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.program.ProgramRepository;
import org.openiop.scheduling.web.PageOf;
import org.openiop.scheduling.web.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The program's rooms and how many they seat. */
@RestController
class RoomController {

    private final RoomRepository rooms;
    private final ProgramRepository programs;

    RoomController(RoomRepository rooms, ProgramRepository programs) {
        this.rooms = rooms;
        this.programs = programs;
    }

    record RoomRequest(@NotBlank @Size(max = 100) String name, @NotNull @Min(1) @Max(500) Integer capacity,
            Boolean active) {
    }

    @PostMapping("/api/programs/{programId}/rooms")
    @Transactional
    ResponseEntity<Room> create(@PathVariable UUID programId, @Valid @RequestBody RoomRequest request) {
        programs.get(programId, "programId");
        Room room = new Room(UUID.randomUUID(), programId, request.name(), request.capacity(),
                request.active() == null || request.active());
        rooms.save(room);
        return ResponseEntity.created(URI.create("/api/rooms/" + room.id())).body(room);
    }

    @PutMapping("/api/rooms/{roomId}")
    @Transactional
    Room update(@PathVariable UUID roomId, @Valid @RequestBody RoomRequest request) {
        Room old = rooms.find(roomId).orElseThrow(() -> RuleViolation.notFound("roomId", "Room", roomId));
        Room room = new Room(roomId, old.programId(), request.name(), request.capacity(),
                request.active() == null ? old.active() : request.active());
        rooms.save(room);
        return room;
    }

    @GetMapping("/api/rooms/{roomId}")
    Room get(@PathVariable UUID roomId) {
        return rooms.find(roomId).orElseThrow(() -> RuleViolation.notFound("roomId", "Room", roomId));
    }

    @GetMapping("/api/programs/{programId}/rooms")
    PageOf<Room> list(@PathVariable UUID programId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size) {
        Paging paging = new Paging(page, size);
        return paging.of(rooms.page(programId, size, paging.offset()), rooms.count(programId));
    }
}
