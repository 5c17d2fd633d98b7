package difflab.io;

import difflab.analysis.io.AtomicFiles;
import difflab.core.Particles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes particle sets so results can be cross-checked against other implementations:
 * <ul>
 * <li>CSV: a header row (any names, one per coordinate, e.g. {@code x0,x1}) then one particle per row, values
 * written with 17 significant digits so doubles round-trip exactly;</li>
 * <li>NumPy {@code .npy} (format 1.0/2.0): a C-order float64 ({@code <f8}) array of shape (n, d) or (n,); written
 * as version 1.0, little-endian, C order.</li>
 * </ul>
 * The format follows the file extension. Writes are atomic (temporary file, then rename).
 */
public final class ParticleFiles {
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** A finite decimal number as written by Python, numpy or Java (no NaN/Infinity, no d/f suffix, no hex). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private ParticleFiles() {
    }

    /**
     * Reads particles from a {@code .csv} or {@code .npy} file.
     *
     * @throws IllegalArgumentException on an unsupported extension or malformed content, naming the problem
     */
    public static Particles read(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("particle file " + file + " is a folder; accepted: a .csv or .npy file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("particle file " + file + " does not exist");
        }
        try {
            if (name.endsWith(".csv")) {
                return readCsv(file);
            }
            if (name.endsWith(".npy")) {
                return readNpy(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        throw new IllegalArgumentException("particle file " + file + " has an unsupported extension; accepted: .csv, .npy");
    }

    /**
     * Checks, before any work, that {@link #write} can write {@code file}: a {@code .csv} or {@code .npy} name, not
     * an existing folder, in an existing folder.
     *
     * @param option the option that named the file, for the message
     * @throws IllegalArgumentException naming the option, the file and what is accepted
     */
    public static void checkWritable(String option, Path file) {
        if (file.toString().isBlank()) {
            throw new IllegalArgumentException(option + " is empty; accepted: a file name ending in .csv or .npy");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + "=" + file + " is a folder; accepted: a file name ending in"
                    + " .csv or .npy");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".npy")) {
            throw new IllegalArgumentException(option + "=" + file + " has an unsupported extension; accepted: .csv,"
                    + " .npy");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + "=" + file + ": the folder " + parent + " does not exist;"
                    + " accepted: a file in an existing folder");
        }
    }

    /** Writes particles to a {@code .csv} or {@code .npy} file, atomically. */
    public static void write(Path file, Particles particles) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean csv = name.endsWith(".csv");
        if (!csv && !name.endsWith(".npy")) {
            throw new IllegalArgumentException("output file " + file + " has an unsupported extension; accepted: .csv, .npy");
        }
        try {
            if (csv) {
                AtomicFiles.writeString(file, csvText(particles));
            } else {
                AtomicFiles.writeBytes(file, npyBytes(particles));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Particles readCsv(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int d = -1;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IllegalArgumentException("CSV file " + file + " is empty; expected a header row");
            }
            String[] names = header.split(",", -1);
            d = names.length;
            if (java.util.Arrays.stream(names).allMatch(c -> DECIMAL.matcher(c.trim()).matches())) {
                throw new IllegalArgumentException("CSV " + file + " line 1 holds numbers; a header row with one name"
                        + " per coordinate (e.g. x0,x1) must come first");
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != d) {
                    throw new IllegalArgumentException("CSV " + file + " line " + lineNo + " has " + cells.length
                            + " values; the header has " + d);
                }
                double[] row = new double[d];
                for (int j = 0; j < d; j++) {
                    String cell = cells[j].trim();
                    if (!DECIMAL.matcher(cell).matches()) {
                        throw new IllegalArgumentException("CSV " + file + " line " + lineNo + " column " + (j + 1)
                                + ": '" + cells[j] + "' is not a finite decimal number (accepted: e.g. -1.5, 2e-3)");
                    }
                    row[j] = Double.parseDouble(cell);
                    if (!Double.isFinite(row[j])) {
                        throw new IllegalArgumentException("CSV " + file + " line " + lineNo + " column " + (j + 1)
                                + ": '" + cells[j] + "' is out of the range of a double");
                    }
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("CSV file " + file + " has a header but no particles");
        }
        return Particles.fromRows(rows.toArray(new double[0][]));
    }

    private static String csvText(Particles p) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < p.dimension(); j++) {
            sb.append(j > 0 ? "," : "").append('x').append(j);
        }
        sb.append('\n');
        for (int i = 0; i < p.count(); i++) {
            for (int j = 0; j < p.dimension(); j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(p.get(i, j));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static Particles readNpy(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        for (int k = 0; k < NPY_MAGIC.length; k++) {
            if (all.length <= k || all[k] != NPY_MAGIC[k]) {
                throw new IllegalArgumentException(file + " is not a .npy file (bad magic)");
            }
        }
        int major = all[6];
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int offset;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(buf.getShort(8));
            offset = 10;
        } else if (major == 2 || major == 3) {
            headerLen = buf.getInt(8);
            offset = 12;
        } else {
            throw new IllegalArgumentException(file + ": unsupported .npy version " + major + "; accepted: 1, 2, 3");
        }
        if (all.length < offset || (long) offset + headerLen > all.length) {
            throw new IllegalArgumentException(file + ": the .npy header is truncated (it declares " + headerLen
                    + " bytes after byte " + offset + ", the file has " + all.length + " bytes)");
        }
        String header = new String(all, offset, headerLen, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new IllegalArgumentException(file + ": malformed .npy header " + header.trim());
        }
        if (!descr.group(1).equals("<f8")) {
            throw new IllegalArgumentException(file + ": dtype " + descr.group(1) + " is not supported; accepted: <f8 (float64)");
        }
        if (fortran.group(1).equals("True")) {
            throw new IllegalArgumentException(file + ": Fortran-order arrays are not supported; accepted: C order");
        }
        String[] dims = shape.group(1).split(",");
        List<Integer> sizes = new ArrayList<>();
        for (String s : dims) {
            if (!s.isBlank()) {
                try {
                    sizes.add(Integer.parseInt(s.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ": shape (" + shape.group(1) + ") is not supported;"
                            + " accepted: (n, d) or (n,) with sizes below 2^31");
                }
            }
        }
        if (sizes.isEmpty() || sizes.size() > 2) {
            throw new IllegalArgumentException(file + ": shape " + sizes + " is not supported; accepted: (n, d) or (n,)");
        }
        int n = sizes.get(0);
        int d = sizes.size() == 2 ? sizes.get(1) : 1;
        if (n < 1 || d < 1) {
            throw new IllegalArgumentException(file + ": shape " + sizes + " holds no particles; accepted: n >= 1"
                    + " particles of dimension d >= 1");
        }
        int dataStart = offset + headerLen;
        if ((long) all.length - dataStart != 8L * n * d) {
            throw new IllegalArgumentException(file + ": the data has " + (all.length - dataStart) + " bytes, shape "
                    + sizes + " needs " + 8L * n * d);
        }
        double[] data = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                data[j * n + i] = buf.getDouble(dataStart + 8 * (i * d + j));
            }
        }
        for (int k = 0; k < data.length; k++) {
            if (!Double.isFinite(data[k])) {
                throw new IllegalArgumentException(file + ": particle " + (k % n) + " coordinate " + (k / n) + " is "
                        + data[k] + "; accepted: finite values");
            }
        }
        return Particles.adopt(n, d, data);
    }

    private static byte[] npyBytes(Particles p) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + p.count() + ", " + p.dimension() + "), }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + 8 * p.count() * p.dimension())
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(NPY_MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < p.count(); i++) {
            for (int j = 0; j < p.dimension(); j++) {
                buf.putDouble(p.get(i, j));
            }
        }
        return buf.array();
    }
}
