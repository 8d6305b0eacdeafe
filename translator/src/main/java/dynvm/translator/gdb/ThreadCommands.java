package dynvm.translator.gdb;

/**
 * Threads: {@code Hg}/{@code Hc tid} select the thread to inspect and to step, {@code T tid}
 * asks whether it lives, {@code qfThreadInfo}/{@code qsThreadInfo} list them (all in the first
 * reply), {@code qC} names the current one. Thread ids are hex; {@code p<pid>.<tid>} is accepted.
 */
final class ThreadCommands implements CommandFamily {
    private final StopCoordinator stops;

    ThreadCommands(StopCoordinator stops) { this.stops = stops; }

    @Override
    public boolean accepts(String p) {
        char c = CommandFamily.letter(p);
        return c == 'H' || c == 'T' || p.equals("qC") || p.equals("qfThreadInfo") || p.equals("qsThreadInfo");
    }

    @Override
    public Reply handle(String p) {
        if (p.equals("qC")) return Reply.of("QC" + Integer.toHexString(stops.currentId()));
        if (p.equals("qfThreadInfo")) return Reply.of(threadList());
        if (p.equals("qsThreadInfo")) return Reply.of("l");
        if (p.charAt(0) == 'T') return Reply.of(stops.isAlive(parseTid(p.substring(1))) ? "OK" : "E01");
        return Reply.of(select(p));
    }

    private String select(String p) {
        int tid = parseTid(p.substring(2));
        if (tid > 0 && !stops.isAlive(tid)) return "E01";
        if (p.charAt(1) == 'g') stops.selectForInspection(tid); else stops.selectForStep(tid);
        return "OK";
    }

    private String threadList() {
        StringBuilder sb = new StringBuilder("m");
        for (int id : stops.threadIds()) sb.append(sb.length() > 1 ? "," : "").append(Integer.toHexString(id));
        return sb.length() > 1 ? sb.toString() : "l";
    }

    /** A thread id: hex, -1 (all), empty (0: any), or the multiprocess form {@code p<pid>.<tid>}. */
    static int parseTid(String s) {
        if (s.startsWith("p")) s = s.substring(s.indexOf('.') + 1);
        return s.equals("-1") ? -1 : s.isEmpty() ? 0 : Integer.parseInt(s, 16);
    }
}
