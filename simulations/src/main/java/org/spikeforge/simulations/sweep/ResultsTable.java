package org.spikeforge.simulations.sweep;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code results.csv}: one row per finished point, appended as it finishes. The first column is
 * the point's id ({@link SweepPoint#id}), then the swept parameters, the metrics and the wall
 * time. Each row is written with one append and forced to disk, so a row is complete or absent;
 * a torn last line (a crash in mid-write) is cut off when the table is reopened. Reopening a table
 * whose header differs from the sweep's columns is refused rather than mixing two sweeps.
 */
public final class ResultsTable implements AutoCloseable {
    private final Path file;
    private final List<String> columns;
    private final Set<String> done = new HashSet<>();
    private final FileChannel channel;

    private ResultsTable(Path file, List<String> columns, FileChannel channel) {
        this.file = file;
        this.columns = List.copyOf(columns);
        this.channel = channel;
    }

    /** Opens (creating, or resuming) the table at {@code file} with these columns; the first is the id. */
    public static ResultsTable open(Path file, List<String> columns) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String header = line(columns);
        if (Files.exists(file) && Files.size(file) > 0) {
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') end--;
            if (end < bytes.length) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(end); // drop a torn last row
                }
            }
            String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            if (lines.isEmpty()) {
                Files.writeString(file, header);
            } else if (!(lines.getFirst() + "\n").equals(header)) {
                throw new IllegalArgumentException(file + ": holds the results of another sweep (columns " + lines.getFirst()
                        + "; this sweep writes " + header.strip() + "); choose another --out folder");
            }
            ResultsTable t = new ResultsTable(file, columns, FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
            for (int k = 1; k < lines.size(); k++) t.done.add(parse(lines.get(k)).getFirst());
            return t;
        }
        Files.writeString(file, header);
        return new ResultsTable(file, columns, FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    public Path file() { return file; }

    public List<String> columns() { return columns; }

    /** Whether the point with this id already has a row. */
    public synchronized boolean contains(String id) {
        return done.contains(id);
    }

    /** Number of rows. */
    public synchronized int size() {
        return done.size();
    }

    /** Appends one row (cells in column order) as a single write, then forces it to disk. */
    public synchronized void append(List<String> cells) throws IOException {
        if (cells.size() != columns.size()) throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + columns.size() + " columns");
        ByteBuffer b = ByteBuffer.wrap(line(cells).getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) channel.write(b);
        channel.force(false);
        done.add(cells.getFirst());
    }

    /** Every row of a table as column → cell maps, in file order (a torn last line is ignored). */
    public static List<Map<String, String>> read(Path file) throws IOException {
        String text = Files.readString(file);
        int end = text.lastIndexOf('\n');
        List<String> lines = end < 0 ? List.of() : text.substring(0, end + 1).lines().toList();
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) return rows;
        List<String> header = parse(lines.getFirst());
        for (int k = 1; k < lines.size(); k++) {
            List<String> cells = parse(lines.get(k));
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size() && c < cells.size(); c++) row.put(header.get(c), cells.get(c));
            rows.add(row);
        }
        return rows;
    }

    static String line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < cells.size(); k++) {
            if (k > 0) b.append(',');
            String c = cells.get(k);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                b.append('"').append(c.replace("\"", "\"\"").replace("\r", " ").replace("\n", " ")).append('"');
            } else {
                b.append(c);
            }
        }
        return b.append('\n').toString();
    }

    static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
