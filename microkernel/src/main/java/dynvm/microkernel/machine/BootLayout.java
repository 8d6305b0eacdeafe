package dynvm.microkernel.machine;

/**
 * Where the boot protocol puts things in RAM, by the profile's rules, which on {@code virt} are
 * QEMU's (measured with qemu-system-arm 7.2 and a probe printing r0-r2 and memory):
 * <ul>
 * <li>firmware ({@code --bios}, in flash): DTB at the start of RAM;</li>
 * <li>an ELF kernel: loaded where its headers say, r0-r2 zero; the DTB at the start of RAM when
 *     the ELF leaves it free (it starts above it or ends below it), else at physical 0, in flash
 *     bank 0 (QEMU's default load address: the virt guests, linked at 0x40000000, find it there);
 *     use {@link #ofElf};</li>
 * <li>a raw (Linux) image: loaded at RAM base + 0x10000, initrd at RAM base + min(RAM / 2,
 *     128 MiB), DTB just after the initrd rounded up to 4 KiB (in the initrd's place without
 *     one), entered with r0 = 0, r1 = 0xffffffff (no machine number: DT boot), r2 = the DTB.
 *     128 MiB of RAM gives a DTB at 0x44000000, 1 GiB at 0x48000000.</li>
 * </ul>
 */
public record BootLayout(long ramBase, long ramSize, long kernel, long initrd, long initrdSize, long dtb) {

    /** What is being booted. */
    public enum Kind { FIRMWARE, ELF_KERNEL, RAW_KERNEL }

    /** The layout for booting {@code kind} with {@code ramSize} bytes of RAM and an initrd of {@code initrdSize} (0 for none). */
    public static BootLayout of(MachineProfile profile, Kind kind, long ramSize, long initrdSize) {
        MachineProfile.Boot boot = profile.boot();
        long base = profile.memory().base();
        long initrd = base + Math.min(ramSize / 2, boot.initrdOffsetMax());
        long dtb = switch (kind) {
            case FIRMWARE -> placement(profile, boot.firmwareDtb(), base, initrd, initrdSize);
            case ELF_KERNEL -> placement(profile, boot.elfDtb(), base, initrd, initrdSize);
            case RAW_KERNEL -> alignUp(initrd + initrdSize, boot.dtbAlign());
        };
        return new BootLayout(base, ramSize, base + boot.kernelOffset(), initrd, initrdSize, dtb);
    }

    /**
     * The layout for an ELF kernel whose loadable segments span [{@code elfLow}, {@code elfHigh}):
     * the profile's ELF placement when RAM's start is outside that span, else the profile's
     * {@code elf-dtb-covered} address.
     */
    public static BootLayout ofElf(MachineProfile profile, long ramSize, long elfLow, long elfHigh) {
        BootLayout l = of(profile, Kind.ELF_KERNEL, ramSize, 0);
        long base = profile.memory().base();
        boolean ramStartFree = elfLow > base || elfHigh <= base;
        long dtb = ramStartFree ? l.dtb() : profile.boot().elfDtbCovered();
        return new BootLayout(l.ramBase(), ramSize, l.kernel(), l.initrd(), 0, dtb);
    }

    private static long placement(MachineProfile profile, String rule, long base, long initrd, long initrdSize) {
        return switch (rule) {
            case "ram-start" -> base;
            case "after-initrd" -> alignUp(initrd + initrdSize, profile.boot().dtbAlign());
            default -> throw new ProfileError(profile.source(), 0, "unknown DTB placement \"" + rule
                    + "\" (ram-start, after-initrd)");
        };
    }

    private static long alignUp(long v, long align) {
        return (v + align - 1) / align * align;
    }
}
