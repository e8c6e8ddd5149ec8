package dev.lrsched.listeners.network;

import dev.lrsched.listeners.plateau.PlateauFrontEnd;
import dev.lrsched.listeners.plateau.PlateauPolicy;
import dev.lrsched.schedules.support.Checks;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The plateau state inside a DL4J model file: the zip that {@code ModelSerializer.writeModel} (and DL4J's
 * {@code CheckpointListener}) writes gets one more entry, {@value #ENTRY}, holding
 * {@link PlateauPolicy.State#toJson()} as UTF-8. {@code ModelSerializer} ignores the entry, so the file still
 * restores as before; the state comes back with {@link #restoreState(File)} or a front-end builder's
 * {@code restoreStateFrom(file)}. Plain JSON rather than DL4J's {@code addObjectToFile} (Java serialization):
 * reading a file never deserializes objects, and a malformed entry is an {@link IllegalArgumentException}.
 *
 * <p>Usage: {@code ModelSerializer.writeModel(net, file, true); PlateauSerializer.addStateToModel(file, plateau);}
 */
public final class PlateauSerializer {

    /** The zip entry that holds the state. */
    public static final String ENTRY = "lrsched/plateau-state.json";

    /** Larger entries are rejected unread (a state is about 400 bytes). */
    static final int MAX_ENTRY_BYTES = 1 << 16;

    private PlateauSerializer() {
    }

    /** {@link #addStateToModel(File, PlateauPolicy.State)} with {@code plateau.state()}. */
    public static void addStateToModel(File modelFile, PlateauFrontEnd plateau) {
        Checks.notNull("plateau", plateau);
        addStateToModel(modelFile, plateau.state());
    }

    /**
     * Adds {@code state} to a model file written by {@code ModelSerializer}, replacing a state already there. The
     * file is rewritten next to itself and moved into place, so a crash leaves the old file or the new one.
     *
     * @throws IllegalArgumentException if the file is not a zip
     * @throws UncheckedIOException     if it cannot be read or written
     */
    public static void addStateToModel(File modelFile, PlateauPolicy.State state) {
        Checks.notNull("modelFile", modelFile);
        Checks.notNull("state", state);
        byte[] json = state.toJson().getBytes(StandardCharsets.UTF_8);
        Path target = modelFile.toPath();
        Path tmp = null;
        try (ZipFile zip = open(modelFile)) {
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), modelFile.getName(), ".tmp");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    if (!e.getName().equals(ENTRY)) {
                        out.putNextEntry(new ZipEntry(e.getName()));
                        try (InputStream in = zip.getInputStream(e)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
                out.putNextEntry(new ZipEntry(ENTRY));
                out.write(json);
                out.closeEntry();
            }
            move(tmp, target);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the plateau state to " + modelFile + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** True if {@code modelFile} holds a plateau state entry. */
    public static boolean hasState(File modelFile) {
        Checks.notNull("modelFile", modelFile);
        try (ZipFile zip = open(modelFile)) {
            return zip.getEntry(ENTRY) != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The plateau state saved in {@code modelFile}.
     *
     * @throws IllegalArgumentException if the file is not a zip, has no state entry, or the entry is not a valid
     *                                  state (too large, malformed JSON, invalid values)
     * @throws UncheckedIOException     if it cannot be read
     */
    public static PlateauPolicy.State restoreState(File modelFile) {
        Checks.notNull("modelFile", modelFile);
        try (ZipFile zip = open(modelFile)) {
            ZipEntry e = zip.getEntry(ENTRY);
            Checks.check(e != null, modelFile + " holds no plateau state (no entry " + ENTRY + "): save it with"
                    + " PlateauSerializer.addStateToModel or PlateauCheckpointListener");
            try (InputStream in = zip.getInputStream(e)) {
                byte[] bytes = in.readNBytes(MAX_ENTRY_BYTES + 1);
                Checks.check(bytes.length <= MAX_ENTRY_BYTES, "the plateau state in " + modelFile + " is larger than "
                        + MAX_ENTRY_BYTES + " bytes: not a state saved by lrsched");
                return PlateauPolicy.State.fromJson(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plateau state from " + modelFile + ": " + e.getMessage(), e);
        }
    }

    private static ZipFile open(File modelFile) throws IOException {
        if (!modelFile.isFile()) {
            throw new IOException("no such file");
        }
        try {
            return new ZipFile(modelFile);
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(modelFile + " is not a model file written by ModelSerializer (not a"
                    + " zip: " + e.getMessage() + ")", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the temporary file stays; the model file is untouched
            }
        }
    }
}
