package dynvm.translator.gdb;

/**
 * {@code QPassSignals:g1;g2;...} (gdb's signal numbers, hex) replaces the set of signals
 * delivered without a stop: gdb's {@code handle SIG nostop pass}.
 */
final class SignalCommands implements CommandFamily {
    private static final String PASS = "QPassSignals:";

    private final StopCoordinator stops;

    SignalCommands(StopCoordinator stops) { this.stops = stops; }

    @Override
    public boolean accepts(String p) { return p.startsWith(PASS); }

    @Override
    public Reply handle(String p) {
        long set = 0;
        for (String g : p.substring(PASS.length()).split(";")) {
            if (g.isEmpty()) continue;
            int sig = GdbSignals.toLinux(Integer.parseInt(g, 16));
            if (sig > 0) set |= 1L << (sig - 1);
        }
        stops.setPassSignals(set);
        return Reply.of("OK");
    }
}
