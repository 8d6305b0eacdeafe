package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.MemoryFault;

import java.io.PrintStream;
import java.util.Map;

/**
 * qemu -strace style trace lines: {@code name(arg,arg,...) = result}, one per call. Path
 * arguments are shown as quoted strings (read before the call, since the call may change them),
 * open flags symbolically, and failures as {@code -1 errno=N (ENAME)}.
 */
final class Strace {
    /**
     * Argument formats per syscall, one letter per argument: d decimal, x hex, p pointer, s path
     * string, o octal mode, f directory fd (AT_FDCWD), F open flags. Unlisted calls show three hex arguments.
     */
    private static final Map<String, String> FORMATS = Map.ofEntries(
            Map.entry("exit", "d"), Map.entry("exit_group", "d"),
            Map.entry("read", "dpd"), Map.entry("write", "dpd"), Map.entry("readv", "dpd"), Map.entry("writev", "dpd"),
            Map.entry("pread64", "dpddxx"), Map.entry("pwrite64", "dpddxx"),
            Map.entry("open", "sFo"), Map.entry("openat", "fsFo"), Map.entry("creat", "so"), Map.entry("close", "d"),
            Map.entry("lseek", "ddd"), Map.entry("_llseek", "dddpd"),
            Map.entry("stat64", "sp"), Map.entry("lstat64", "sp"), Map.entry("fstat64", "dp"),
            Map.entry("fstatat64", "fspx"), Map.entry("statx", "fsxxp"),
            Map.entry("access", "sd"), Map.entry("faccessat", "fsd"), Map.entry("faccessat2", "fsdx"),
            Map.entry("brk", "p"), Map.entry("mmap", "pdxxdx"), Map.entry("mmap2", "pdxxdx"),
            Map.entry("munmap", "pd"), Map.entry("mprotect", "pdx"), Map.entry("madvise", "pdd"),
            Map.entry("uname", "p"), Map.entry("ioctl", "dxp"),
            Map.entry("readlink", "spd"), Map.entry("readlinkat", "fspd"), Map.entry("getcwd", "pd"),
            Map.entry("dup", "d"), Map.entry("dup2", "dd"), Map.entry("dup3", "ddx"),
            Map.entry("pipe", "p"), Map.entry("pipe2", "px"), Map.entry("fcntl", "ddx"), Map.entry("fcntl64", "ddx"),
            Map.entry("unlink", "s"), Map.entry("unlinkat", "fsx"), Map.entry("rmdir", "s"),
            Map.entry("rename", "ss"), Map.entry("renameat", "fsfs"), Map.entry("renameat2", "fsfsx"),
            Map.entry("symlink", "ss"), Map.entry("symlinkat", "sfs"), Map.entry("link", "ss"), Map.entry("linkat", "fsfsx"),
            Map.entry("mkdir", "so"), Map.entry("mkdirat", "fso"), Map.entry("chdir", "s"), Map.entry("fchdir", "d"),
            Map.entry("chmod", "so"), Map.entry("fchmod", "do"), Map.entry("fchmodat", "fso"), Map.entry("umask", "o"),
            Map.entry("getdents64", "dpd"), Map.entry("fsync", "d"), Map.entry("fdatasync", "d"),
            Map.entry("ftruncate", "dd"), Map.entry("ftruncate64", "dxxx"),
            Map.entry("clock_gettime", "dp"), Map.entry("clock_gettime64", "dp"),
            Map.entry("clock_getres", "dp"), Map.entry("clock_getres_time64", "dp"),
            Map.entry("gettimeofday", "pp"), Map.entry("time", "p"), Map.entry("nanosleep", "pp"),
            Map.entry("clock_nanosleep", "ddpp"), Map.entry("clock_nanosleep_time64", "ddpp"), Map.entry("times", "p"),
            Map.entry("getrusage", "dp"), Map.entry("alarm", "d"), Map.entry("msync", "pdx"),
            Map.entry("poll", "pdd"), Map.entry("ppoll", "pdpp"), Map.entry("ppoll_time64", "pdpp"),
            Map.entry("_newselect", "dpppp"), Map.entry("pselect6", "dppppp"), Map.entry("pselect6_time64", "dppppp"),
            Map.entry("rt_sigaction", "dppd"), Map.entry("rt_sigprocmask", "dppd"), Map.entry("sigaltstack", "pp"),
            Map.entry("kill", "dd"), Map.entry("tgkill", "ddd"), Map.entry("tkill", "dd"),
            Map.entry("set_tid_address", "p"), Map.entry("set_robust_list", "pd"), Map.entry("rseq", "pdxx"),
            Map.entry("getrandom", "pdx"), Map.entry("prlimit64", "ddpp"), Map.entry("ugetrlimit", "dp"),
            Map.entry("getrlimit", "dp"), Map.entry("setrlimit", "dp"), Map.entry("sched_getaffinity", "ddp"),
            Map.entry("sysinfo", "p"), Map.entry("sched_yield", ""), Map.entry("getpid", ""), Map.entry("gettid", ""),
            Map.entry("getppid", ""), Map.entry("getuid", ""), Map.entry("geteuid", ""), Map.entry("getgid", ""),
            Map.entry("getegid", ""), Map.entry("getuid32", ""), Map.entry("geteuid32", ""), Map.entry("getgid32", ""),
            Map.entry("getegid32", ""), Map.entry("getpgrp", ""));

    private final PrintStream out;
    private final GuestView view;
    private final LinuxArch arch;

    Strace(PrintStream out, GuestView view, LinuxArch arch) {
        this.out = out;
        this.view = view;
        this.arch = arch;
    }

    /** The {@code name(args)} part, formatted before the call runs. */
    String call(String name, int nr, int[] a) {
        String fmt = name == null ? null : FORMATS.get(name);
        if (fmt == null) fmt = "xxx";
        StringBuilder sb = new StringBuilder(name != null ? name : "syscall_" + nr).append('(');
        for (int i = 0; i < fmt.length() && i < a.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(arg(fmt.charAt(i), a[i]));
        }
        return sb.append(')').toString();
    }

    private String arg(char kind, int v) {
        switch (kind) {
            case 'd': return Integer.toString(v);
            case 'o': return v == 0 ? "0" : "0" + Integer.toOctalString(v);
            case 'p': return v == 0 ? "NULL" : hex(v);
            case 'f': return v == PathResolver.AT_FDCWD ? "AT_FDCWD" : Integer.toString(v);
            case 'F': return OpenFlags.describe(arch, v);
            case 's':
                if (v == 0) return "NULL";
                try {
                    return quote(view.path(v));
                } catch (MemoryFault | SysErr e) {
                    return hex(v);
                }
            default: return hex(v);
        }
    }

    /** Prints the finished line. Exit calls, which do not return, end without a result. */
    void result(String call, String name, int r) {
        if ("exit".equals(name) || "exit_group".equals(name)) { out.println(call); return; }
        String res;
        if (r < 0 && r >= -4095 && !(isAddress(name) && !AddressSpace.isError(r))) {
            res = "-1 errno=" + (-r) + " (" + Errno.name(-r) + ")";
        } else {
            res = isAddress(name) ? hex(r) : Integer.toString(r);
        }
        out.println(call + " = " + res);
    }

    private static boolean isAddress(String name) {
        return "brk".equals(name) || "mmap".equals(name) || "mmap2".equals(name);
    }

    private static String hex(int v) { return "0x" + Integer.toHexString(v); }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c == '\n') sb.append("\\n");
            else if (c < 0x20) sb.append(String.format("\\%03o", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }
}
