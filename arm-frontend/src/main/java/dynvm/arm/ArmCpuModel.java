package dynvm.arm;

import java.util.Locale;

/**
 * The ARM CPU models {@code -cpu} selects: what the decoder accepts and what Linux tells the
 * program (AT_HWCAP, AT_PLATFORM, {@code uname -m}). The model is decode context
 * ({@link ArmDecoder#MODEL_SHIFT}, bits 21:20), so translations made for one model are never
 * found for another, in the translation cache or in the persistent store (whose key holds the
 * context). {@link #CORTEX_A15} is the default: the whole ARMv7 user ISA of a Cortex-A15 (Advanced
 * SIMD, VFPv4-D32, the divider), claimed in AT_HWCAP as Linux does, so glibc, OpenSSL and zlib
 * take their NEON paths. {@link #CORTEX_A9} (context value 0, the model dynvm implemented first:
 * VFPv3-D16, no NEON) stays for programs that must not see NEON.
 *
 * <p>What each model lacks decodes as UNDEFINED (SIGILL in user mode, the undefined-instruction
 * exception in system mode): {@link ArmFeatureGate} holds the per-instruction rules.
 *
 * @param cpuName    the {@code -cpu} name (QEMU's spelling)
 * @param arch       the architecture version: 5 (ARMv5TEJ), 6 (ARMv6K, as QEMU's arm1136), 7 (ARMv7-A)
 * @param thumb2     32-bit Thumb-2 instructions beyond BL/BLX (ARMv6T2 and later)
 * @param vfp        VFP version: 0 none, 2 VFPv2, 3 VFPv3, 4 VFPv4 (fused multiply-add)
 * @param d32        32 double registers (else d0-d15 only)
 * @param idiv       SDIV/UDIV in ARM and Thumb state
 * @param neon       Advanced SIMD (NEON)
 * @param hwcap      AT_HWCAP, what is implemented and nothing more
 * @param platform   AT_PLATFORM
 * @param machine    {@code uname -m} as Linux reports it for this CPU
 * @param summary    one line for {@code -cpu help}
 */
public enum ArmCpuModel {
    /** The model dynvm implemented first: ARMv7-A, VFPv3-D16, no NEON, no divider (Debian armhf's baseline; a real A9 has NEON). */
    CORTEX_A9("cortex-a9", 7, true, 3, false, false, false,
            Hwcap.SWP | Hwcap.HALF | Hwcap.THUMB | Hwcap.FAST_MULT | Hwcap.VFP | Hwcap.EDSP | Hwcap.VFPV3 | Hwcap.VFPV3D16 | Hwcap.TLS,
            "v7l", "armv7l", "ARMv7-A, Thumb-2, VFPv3-D16, no NEON, no divider"),
    /**
     * ARMv7-A with Advanced SIMD, VFPv4-D32 and the divider (idiva/idivt): qemu-arm 7.2's
     * {@code -cpu cortex-a15} AT_HWCAP less {@code thumbee} (ThumbEE is not implemented). The
     * default model.
     */
    CORTEX_A15("cortex-a15", 7, true, 4, true, true, true,
            Hwcap.SWP | Hwcap.HALF | Hwcap.THUMB | Hwcap.FAST_MULT | Hwcap.VFP | Hwcap.EDSP | Hwcap.NEON | Hwcap.VFPV3 | Hwcap.TLS
                    | Hwcap.VFPV4 | Hwcap.IDIVA | Hwcap.IDIVT | Hwcap.VFPD32 | Hwcap.LPAE,
            "v7l", "armv7l", "ARMv7-A, Thumb-2, NEON, VFPv4-D32, SDIV/UDIV (default)"),
    /** ARMv6 (with the v6K additions QEMU's arm1136 has: LDREXB/H/D, CLREX, TPIDRURO), VFPv2, no Thumb-2. */
    ARM1136("arm1136", 6, false, 2, false, false, false,
            Hwcap.SWP | Hwcap.HALF | Hwcap.THUMB | Hwcap.FAST_MULT | Hwcap.VFP | Hwcap.EDSP | Hwcap.TLS,
            "v6l", "armv6l", "ARMv6, VFPv2 (D16), no Thumb-2"),
    /** ARMv5TEJ without a VFP unit (as most ARM926EJ-S boards): soft-float (armel) programs only. */
    ARM926("arm926", 5, false, 0, false, false, false,
            Hwcap.SWP | Hwcap.HALF | Hwcap.THUMB | Hwcap.FAST_MULT | Hwcap.EDSP,
            "v5l", "armv5tejl", "ARMv5TEJ, no VFP, no Thumb-2 (QEMU's arm926 has VFPv2; this one has none)");

    /** Linux's HWCAP_* bits (arch/arm/include/uapi/asm/hwcap.h). */
    static final class Hwcap {
        static final int SWP = 1, HALF = 2, THUMB = 4, FAST_MULT = 1 << 4, VFP = 1 << 6, EDSP = 1 << 7,
                NEON = 1 << 12, VFPV3 = 1 << 13, VFPV3D16 = 1 << 14, TLS = 1 << 15, VFPV4 = 1 << 16,
                IDIVA = 1 << 17, IDIVT = 1 << 18, VFPD32 = 1 << 19, LPAE = 1 << 20;
    }

    /** The model {@code run} uses without {@code -cpu}. */
    public static final ArmCpuModel DEFAULT = CORTEX_A15;

    public final String cpuName;
    public final int arch;
    public final boolean thumb2;
    public final int vfp;
    public final boolean d32;
    public final boolean idiv;
    public final boolean neon;
    public final int hwcap;
    public final String platform;
    public final String machine;
    public final String summary;

    ArmCpuModel(String cpuName, int arch, boolean thumb2, int vfp, boolean d32, boolean idiv, boolean neon, int hwcap,
                String platform, String machine, String summary) {
        this.cpuName = cpuName;
        this.arch = arch;
        this.thumb2 = thumb2;
        this.vfp = vfp;
        this.d32 = d32;
        this.idiv = idiv;
        this.neon = neon;
        this.hwcap = hwcap;
        this.platform = platform;
        this.machine = machine;
        this.summary = summary;
    }

    /** Main ID register (MIDR) of each model, QEMU's values: implementer, variant, architecture, part, revision. */
    public int midr() {
        return switch (this) {
            case CORTEX_A9 -> 0x410fc090;
            case CORTEX_A15 -> 0x412fc0f1;
            case ARM1136 -> 0x4117b363;
            case ARM926 -> 0x41069265;
        };
    }

    /** Linux's name for the core (the proc_info cpu_name of arch/arm/mm/proc-*.S). */
    private String linuxCpuName() {
        return switch (arch) {
            case 7 -> "ARMv7 Processor";
            case 6 -> "ARMv6-compatible processor";
            default -> "ARM926EJ-S";
        };
    }

    /** Linux's hwcap_str, bit by bit (arch/arm/kernel/setup.c). */
    private static final String[] HWCAP_NAMES = {"swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp", "java",
            "iwmmxt", "crunch", "thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt", "vfpd32", "lpae",
            "evtstrm"};

    /**
     * /proc/cpuinfo as arch/arm/kernel/setup.c's c_show prints it for one processor of this model:
     * the model name with the MIDR revision and AT_PLATFORM, Features from AT_HWCAP (so a program
     * that parses them learns what the auxv says), the MIDR fields, then the machine lines of a
     * device-tree board. BogoMIPS is what Linux derives from a 62.5 MHz generic timer (QEMU virt).
     */
    public String cpuinfo() {
        int id = midr();
        StringBuilder sb = new StringBuilder();
        sb.append("processor\t: 0\n");
        sb.append("model name\t: ").append(linuxCpuName()).append(" rev ").append(id & 15).append(" (").append(platform).append(")\n");
        sb.append("BogoMIPS\t: 125.00\n");
        sb.append("Features\t: ");
        for (int j = 0; j < HWCAP_NAMES.length; j++) if ((hwcap & 1 << j) != 0) sb.append(HWCAP_NAMES[j]).append(' ');
        sb.append("\nCPU implementer\t: 0x").append(String.format("%02x", id >>> 24)).append('\n');
        sb.append("CPU architecture: ").append(arch == 7 ? "7" : arch == 6 ? "6TEJ" : "5TEJ").append('\n');
        // post-ARM7 MIDR layout (every model here): variant in bits 23:20, part in 15:4
        sb.append("CPU variant\t: 0x").append(Integer.toHexString(id >>> 20 & 15)).append('\n');
        sb.append("CPU part\t: 0x").append(String.format("%03x", id >>> 4 & 0xfff)).append('\n');
        sb.append("CPU revision\t: ").append(id & 15).append("\n\n");
        sb.append("Hardware\t: Generic DT based system\nRevision\t: 0000\nSerial\t\t: 0000000000000000\n");
        return sb.toString();
    }

    /** The context bits of this model (its ordinal in bits 21:20). */
    public int contextBits() { return ordinal() << ArmDecoder.MODEL_SHIFT; }

    /** The model a decode context names. */
    public static ArmCpuModel of(int context) { return VALUES[context >>> ArmDecoder.MODEL_SHIFT & 3]; }

    private static final ArmCpuModel[] VALUES = values();

    /** By {@code -cpu} name (case-insensitive), or null. */
    public static ArmCpuModel byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (ArmCpuModel m : VALUES) if (m.cpuName.equals(n)) return m;
        return null;
    }
}
