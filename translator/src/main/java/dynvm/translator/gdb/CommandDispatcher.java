package dynvm.translator.gdb;

import dynvm.translator.gdb.debuggee.DebugTarget;
import java.util.List;

/** Routes each packet to the one {@link CommandFamily} that accepts it; the rest are not supported. */
final class CommandDispatcher {
    private final List<CommandFamily> families;

    CommandDispatcher(List<CommandFamily> families) { this.families = List.copyOf(families); }

    /** Every family the stub answers, over {@code target} and its coordinator; {@code kill} ends the target and the session. */
    static CommandDispatcher standard(DebugTarget target, StopCoordinator stops, Runnable kill) {
        return new CommandDispatcher(List.of(
                new ExecutionCommands(stops),
                new RegisterCommands(target, stops),
                new MemoryCommands(stops),
                new BreakpointCommands(target),
                new ThreadCommands(stops),
                new FeatureCommands(target),
                new SignalCommands(stops),
                new MonitorCommands(target),
                new SessionCommands(kill)));
    }

    Reply dispatch(String packet) {
        for (CommandFamily f : families) if (f.accepts(packet)) return f.handle(packet);
        return Reply.UNSUPPORTED; // vMustReplyEmpty, vFile, vRun, qOffsets (gdb relocates a PIE from the auxv), qTStatus, ...
    }
}
