package org.openiop.webui.staff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recurring-series form as posted. Values stay strings so whatever was typed comes back on the page; the
 * service validates them and its field errors are shown beside the inputs of the same name.
 */
class SeriesForm {

    private String clientId;
    private String type = "GROUP";
    private String block = "MORNING";
    private String startTime;
    private String endTime;
    private String startDate;
    private List<String> daysOfWeek = new ArrayList<>();
    private String weeks = "4";
    private String capacity;
    private String clinicianId;
    private String roomId;
    /** How the series' sessions are held (IN_PERSON, TELEHEALTH, HYBRID) and the meeting link of video ones. */
    private String modality;
    private String joinUrl;

    /** The API body: blanks are left out, a named block and custom times are exclusive. */
    Map<String, Object> toRequest() {
        Map<String, Object> body = new LinkedHashMap<>();
        put(body, "clientId", clientId);
        put(body, "type", type);
        if ("CUSTOM".equals(block)) {
            put(body, "startTime", startTime);
            put(body, "endTime", endTime);
        } else {
            put(body, "block", block);
        }
        put(body, "startDate", startDate);
        if (!daysOfWeek.isEmpty()) {
            body.put("daysOfWeek", daysOfWeek);
        }
        put(body, "weeks", weeks);
        put(body, "capacity", capacity);
        put(body, "clinicianId", clinicianId);
        put(body, "roomId", roomId);
        put(body, "modality", modality);
        put(body, "joinUrl", joinUrl);
        return body;
    }

    private static void put(Map<String, Object> body, String key, String value) {
        if (value != null && !value.isBlank()) {
            body.put(key, value.trim());
        }
    }

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getBlock() { return block; }
    public void setBlock(String block) { this.block = block; }
    public String getStartTime() { return startTime; }
    public void setStartTime(String startTime) { this.startTime = startTime; }
    public String getEndTime() { return endTime; }
    public void setEndTime(String endTime) { this.endTime = endTime; }
    public String getStartDate() { return startDate; }
    public void setStartDate(String startDate) { this.startDate = startDate; }
    public List<String> getDaysOfWeek() { return daysOfWeek; }
    public void setDaysOfWeek(List<String> daysOfWeek) { this.daysOfWeek = daysOfWeek == null ? new ArrayList<>() : daysOfWeek; }
    public String getWeeks() { return weeks; }
    public void setWeeks(String weeks) { this.weeks = weeks; }
    public String getCapacity() { return capacity; }
    public void setCapacity(String capacity) { this.capacity = capacity; }
    public String getClinicianId() { return clinicianId; }
    public void setClinicianId(String clinicianId) { this.clinicianId = clinicianId; }
    public String getRoomId() { return roomId; }
    public void setRoomId(String roomId) { this.roomId = roomId; }
    public String getModality() { return modality; }
    public void setModality(String modality) { this.modality = modality; }
    public String getJoinUrl() { return joinUrl; }
    public void setJoinUrl(String joinUrl) { this.joinUrl = joinUrl; }
}
