/**
 * The GDB remote serial protocol's transport, below any meaning: {@link
 * dynvm.translator.gdb.rsp.RspCodec} (checksums, frames, escapes, run-length) and {@link
 * dynvm.translator.gdb.rsp.RspConnection} (one connection: packets in, acks, packets out, the
 * interrupt byte).
 */
package dynvm.translator.gdb.rsp;
