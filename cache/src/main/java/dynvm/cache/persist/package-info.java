/**
 * The persistent translation cache: optimised IR blocks kept across runs, so that a second run of
 * the same program (or of another one using the same libraries) skips the front-end's decoder and
 * the passes. Measured on a dynamically linked armhf hello (about 2,700 blocks, of which about 20
 * get compiled to bytecode): decoding and the passes were most of the translation time, ASM
 * generation a small part, so what is stored is the IR, not class files.
 *
 * <h2>What is stored</h2>
 * One record per block: the guest code bytes it was decoded from and the block in
 * {@link dynvm.cache.persist.BlockCodec}'s compact form (ops, temps' types, immediates, the
 * helpers it calls by {@code class#method} name, the terminal). Class files of compiled blocks
 * are not stored: a short run compiles a few dozen blocks in the background, and a class file
 * depends on more than the block (loops, chaining, the memory strategy's class).
 *
 * <h2>Key</h2>
 * <ul>
 *   <li>the ISA's name and dynvm's build: the file name, {@code ISA-BUILD.tcache}, and a
 *       fingerprint of both in the header (the translator fingerprints the jars the IR's
 *       producers come from, so any rebuild starts a new file and enum ordinals in records stay
 *       valid);</li>
 *   <li>the decode context and the pc: the index key ({@code ctx << 32 | pc}); the IR holds
 *       absolute pcs, so a block is only reused where it was decoded;</li>
 *   <li>the code bytes themselves: a hit is a record under the key whose bytes equal what the
 *       guest has there now (the caller reads them through its fetch port, which also checks the
 *       pages are executable), so one pc may hold several blocks, e.g. two programs' PIE code
 *       loaded at the same base. The record's CRC-32 guards the stored bytes.</li>
 * </ul>
 *
 * <h2>File and its safety</h2>
 * Header, sorted index, records oldest first ({@link dynvm.cache.persist.StoreFile}). A run maps
 * the file at its first look-up and checks only the header and the length, so opening costs the
 * same for any size; a look-up is a binary search of the index and reads one or two records, each
 * checked against its CRC when read. A file that is not a store of this build, is truncated,
 * or holds a record that fails its check or does not decode is ignored for the rest of the run,
 * with one line on stderr ({@code dynvm: translation cache FILE unreadable (reason); rebuilding}),
 * and the run's own blocks replace it when it is written.
 *
 * <p>Writers never change a file in place ({@link dynvm.cache.persist.StoreWriter}): at the end
 * of a run, under an exclusive lock on {@code ISA-BUILD.lock}, the writer reads the file as it is
 * now (another run may have replaced it), keeps its records (all of them are checked), adds this
 * run's new ones, drops the oldest beyond the bound (64 MB by default), writes a temporary file
 * and renames it over the old one. The rename makes every reader see a whole file, old or new, and
 * a run killed mid-write leaves the old one; the lock makes two runs that end together both land
 * their blocks (the rename alone would keep only the last writer's). Readers take no lock: their
 * mapping of the old file stays valid after the rename.
 *
 * <h2>Reading a block back</h2>
 * A hit is decoded once, from a heap copy of its record, straight into columns
 * ({@link dynvm.cache.persist.OpArrays}) that tier 0 builds its nodes from; the block's own ops
 * stay in the record's form ({@link dynvm.cache.persist.StoredOps}, a slice of the mapping) and
 * become {@link dynvm.ir.Insn} objects only if something reads them (compilation, regions, a
 * fault). A block decoded in the run is read back the same way from the record it is stored as,
 * so neither kind keeps an object per op for its whole life ({@code -Ddynvm.lazyIr=false}: as
 * before). A file's mapping, which those slices share, is never written.
 *
 * <p>This package knows no ISA and no guest memory: the translator supplies the code check, the
 * helper resolver (the front-end's class loader) and the build fingerprint
 * ({@code dynvm.translator.vm.PersistentBlocks}).
 */
package dynvm.cache.persist;
