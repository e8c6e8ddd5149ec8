package dev.lrsched.listeners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A learning-rate monitor's CSV file ({@link LearningRateRecorder}): one header line ({@code iteration,epoch,<series...>,plateau_reduction}),
 * then one line per record, appended and closed at once (a crash loses nothing, no file stays open). Values are
 * written with {@code Double.toString}, so reading them back gives the same doubles. The series are fixed by the
 * first record; a record of a series the header lacks is refused.
 */
final class CsvLog {

    private final String owner;
    private final Path file;
    private List<String> columns;

    CsvLog(String owner, Path file) {
        this.owner = owner;
        this.file = file;
    }

    void append(LearningRateRecord r) {
        StringBuilder sb = new StringBuilder();
        boolean first = columns == null;
        if (first) {
            columns = r.getKeys();
            sb.append("iteration,epoch");
            for (String c : columns) {
                sb.append(',').append(quoted(c));
            }
            sb.append(",plateau_reduction\n");
        } else {
            List<String> extra = new ArrayList<>(r.getKeys());
            extra.removeAll(columns);
            if (!extra.isEmpty()) {
                throw new IllegalStateException(owner + ": the CSV columns of " + file + " were fixed at"
                        + " the first record " + columns + ", but the network now also has " + extra
                        + "; use a new monitor (or another file) for a network whose updaters changed");
            }
        }
        sb.append(r.getIteration()).append(',').append(r.getEpoch());
        for (String c : columns) {
            sb.append(',');
            if (r.has(c)) {
                sb.append(r.get(c));
            }
        }
        sb.append(',').append(r.getReductions().size()).append('\n');
        write(sb.toString(), first);
    }

    private void write(String text, boolean first) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (first) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(owner + ": cannot write " + file, e);
        }
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
