package dynvm.spi;

/**
 * One CPU model of an ISA, as {@code -cpu help} lists it.
 *
 * @param name        the {@code -cpu} name (QEMU's spelling where QEMU has the model)
 * @param description one line: architecture version and the extensions it has or lacks
 * @param supported   false for a model that is listed (so that users learn why) but refused
 */
public record CpuModel(String name, String description, boolean supported) { }
