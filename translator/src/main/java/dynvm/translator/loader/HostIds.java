package dynvm.translator.loader;

/**
 * The user and group ids the guest is told in its auxiliary vector. Like qemu-user we pass the
 * host's real ids, so a guest that checks {@code getuid() == AT_UID} sees a consistent story.
 */
public record HostIds(int uid, int euid, int gid, int egid) {
    public static final HostIds ROOT = new HostIds(0, 0, 0, 0);

    /**
     * The ids of the JVM's process, read through {@code com.sun.security.auth.module.UnixSystem}
     * (module jdk.security.auth) by reflection, so a JDK image without that module or a non-Unix
     * host still works and gets 0. The effective ids are not exposed by the JDK; they equal the
     * real ones for a normal launch.
     */
    public static HostIds current() {
        try {
            Class<?> c = Class.forName("com.sun.security.auth.module.UnixSystem");
            Object u = c.getConstructor().newInstance();
            int uid = (int) (long) (Long) c.getMethod("getUid").invoke(u);
            int gid = (int) (long) (Long) c.getMethod("getGid").invoke(u);
            return new HostIds(uid, uid, gid, gid);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return ROOT;
        }
    }
}
