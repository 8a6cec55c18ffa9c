package org.openiop.scheduling.makeup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses sets of candidate sessions that close a week's shortfall: each set reaches it, its sessions do not overlap,
 * and none is superfluous (without its shortest session the set would fall short). Fewest sessions first, then the
 * earliest start, so the first option is the smallest ask of the client, as soon as possible.
 */
final class MakeupPlanner {

    /** One way to reach the minimum. */
    record Option(List<Candidate> sessions, long minutes) {

        java.time.Instant firstStart() {
            return sessions.get(0).startsAt();
        }
    }

    private MakeupPlanner() {
    }

    static List<Option> plan(List<Candidate> candidates, long shortfall, int maxSessions, int maxOptions) {
        if (shortfall <= 0) {
            return List.of();
        }
        List<Candidate> inOrder = candidates.stream().sorted(Comparator.comparing(Candidate::startsAt)).toList();
        List<Option> options = new ArrayList<>();
        for (int size = 1; size <= maxSessions && options.size() < maxOptions; size++) {
            List<Option> ofSize = new ArrayList<>();
            combine(inOrder, 0, size, new ArrayList<>(), shortfall, ofSize);
            ofSize.sort(Comparator.comparing(Option::firstStart).thenComparing(o -> -o.minutes()));
            options.addAll(ofSize.subList(0, Math.min(ofSize.size(), maxOptions - options.size())));
        }
        return options;
    }

    private static void combine(List<Candidate> all, int from, int size, List<Candidate> chosen, long shortfall,
            List<Option> out) {
        if (chosen.size() == size) {
            long minutes = chosen.stream().mapToLong(Candidate::minutes).sum();
            long shortest = chosen.stream().mapToLong(Candidate::minutes).min().orElse(0);
            if (minutes >= shortfall && minutes - shortest < shortfall) {
                out.add(new Option(List.copyOf(chosen), minutes));
            }
            return;
        }
        for (int i = from; i < all.size(); i++) {
            Candidate next = all.get(i);
            if (chosen.stream().noneMatch(next::overlaps)) {
                chosen.add(next);
                combine(all, i + 1, size, chosen, shortfall, out);
                chosen.remove(chosen.size() - 1);
            }
        }
    }
}
