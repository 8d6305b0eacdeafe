package dynvm.translator.gdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Execution control: {@code ?} (why the target is stopped), {@code c}/{@code C}{@code sig}
 * (continue all, with a signal), {@code s}/{@code S}{@code sig} (step the Hc thread, the others
 * stay stopped), {@code vCont?} and {@code vCont;action[:tid]...}. Resuming replies nothing: the
 * stop coordinator sends the stop reply.
 */
final class ExecutionCommands implements CommandFamily {
    private final StopCoordinator stops;

    ExecutionCommands(StopCoordinator stops) { this.stops = stops; }

    @Override
    public boolean accepts(String p) {
        char c = CommandFamily.letter(p);
        return c == '?' || c == 'c' || c == 'C' || c == 's' || c == 'S' || p.equals("vCont?") || p.startsWith("vCont;");
    }

    @Override
    public Reply handle(String p) {
        if (p.equals("vCont?")) return Reply.of("vCont;c;C;s;S");
        if (p.startsWith("vCont;")) {
            stops.resume(vContActions(p.substring("vCont;".length())));
            return Reply.AFTER_STOP;
        }
        char cmd = p.charAt(0);
        switch (cmd) {
            case '?' -> {
                return Reply.of(stops.lastStopReply());
            }
            case 'c' -> stops.resume(List.of(new ResumeAction.ForThread(new ResumeAction(false, 0), 0)));
            case 'C' -> stops.resume(List.of(new ResumeAction.ForThread(new ResumeAction(false, signalArgument(p)), 0)));
            default -> { // s, S
                int sig = cmd == 'S' ? signalArgument(p) : 0;
                stops.resume(List.of(new ResumeAction.ForThread(new ResumeAction(true, sig), stops.stepTarget())));
            }
        }
        return Reply.AFTER_STOP;
    }

    /** The Linux signal of {@code C sig[;addr]} / {@code S sig[;addr]} (gdb's number in hex). */
    private static int signalArgument(String p) {
        return GdbSignals.toLinux(Integer.parseInt(p.substring(1).split(";")[0], 16));
    }

    /** The actions of a vCont packet in order; {@code t} (stop) is dropped, as all-stop needs none. */
    private static List<ResumeAction.ForThread> vContActions(String list) {
        List<ResumeAction.ForThread> actions = new ArrayList<>();
        for (String a : list.split(";")) {
            String[] at = a.split(":");
            int tid = at.length > 1 ? ThreadCommands.parseTid(at[1]) : 0;
            char k = at[0].charAt(0);
            int sig = (k == 'C' || k == 'S') ? GdbSignals.toLinux(Integer.parseInt(at[0].substring(1), 16)) : 0;
            if (k == 't') continue;
            actions.add(new ResumeAction.ForThread(new ResumeAction(k == 's' || k == 'S', sig), tid));
        }
        return actions;
    }
}
