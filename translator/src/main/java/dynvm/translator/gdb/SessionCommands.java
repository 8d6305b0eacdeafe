package dynvm.translator.gdb;

/**
 * Ending the session: {@code D} (detach: the target runs on free), {@code k} and {@code vKill}
 * (end the target). The protocol loop detaches whenever the session ends, so detach needs no
 * action here.
 */
final class SessionCommands implements CommandFamily {
    private final Runnable kill;

    SessionCommands(Runnable kill) { this.kill = kill; }

    @Override
    public boolean accepts(String p) {
        char c = CommandFamily.letter(p);
        return c == 'D' || c == 'k' || p.startsWith("vKill");
    }

    @Override
    public Reply handle(String p) {
        return switch (p.charAt(0)) {
            case 'D' -> Reply.ending("OK");
            case 'k' -> Reply.ending(null, kill); // no reply: gdb does not wait for one
            default -> Reply.ending("OK", kill); // vKill
        };
    }
}
