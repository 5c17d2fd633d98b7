package difflab.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard {@code index} of {@code count} (1-based, as in {@code --shard 2/3}) of an experiment's cells, for running one
 * experiment on several machines (e.g. the tasks of a Slurm job array) and merging the rows with {@link ShardMerge}.
 *
 * <p>The partition is round-robin over the experiment's cell list at a scale: the cell at position p (0-based) belongs
 * to shard {@code p mod count + 1}. The cell list is a pure function of the experiment and the scale, so every
 * machine computes the same partition, the shards are disjoint and together hold every cell; interleaving spreads the
 * expensive cells (many steps, many particles), which sit next to each other in the list, over all shards.
 *
 * <p>A shard of a sweep (scale, backend, precision) writes its rows to
 * {@code <experiment>/shards/<scale>-<backend>-<precision>/<index>-of-<count>.csv} and its provenance next to it as
 * {@code .json}; {@link #WHOLE} (1/1) is the unsharded run that writes {@code runs.csv} itself.
 */
public record Shard(int index, int count) {
    /** The whole experiment: the ordinary, unsharded run. */
    public static final Shard WHOLE = new Shard(1, 1);

    /** Folder under an experiment's results folder that holds the shards of every sweep. */
    public static final String SHARDS_FOLDER = "shards";

    private static final Pattern SPEC = Pattern.compile("(\\d{1,9})/(\\d{1,9})");
    private static final Pattern FILE = Pattern.compile("(\\d{1,9})-of-(\\d{1,9})\\.csv");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count
                    + " is not a shard: it needs 1 <= index <= count, e.g. 1/3, 2/3, 3/3");
        }
    }

    /**
     * Parses {@code i/n}.
     *
     * @throws IllegalArgumentException naming the value and the accepted form
     */
    public static Shard parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard '" + spec + "' is not of the form i/n with 1 <= i <= n "
                    + "(e.g. 2/3: the second of three shards)");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The shard whose rows are in this file name ({@code 2-of-3.csv}), or null for another file. */
    static Shard ofFileName(String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() ? new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
    }

    /** Whether this is {@link #WHOLE}. */
    public boolean isWhole() {
        return count == 1;
    }

    /** Whether the cell at this position of the experiment's cell list belongs to this shard. */
    public boolean owns(int position) {
        return position % count == index - 1;
    }

    /** How many of an experiment's {@code cells} cells this shard runs. */
    public int cellCount(int cells) {
        return cells < index ? 0 : (cells - index) / count + 1;
    }

    /** The shard of {@code count} that owns the cell at this position. */
    static Shard owner(int position, int count) {
        return new Shard(position % count + 1, count);
    }

    /** This shard's cells, in the order of the experiment's list. */
    public <T> List<T> select(List<T> cells) {
        List<T> mine = new ArrayList<>();
        for (int p = 0; p < cells.size(); p++) {
            if (owns(p)) {
                mine.add(cells.get(p));
            }
        }
        return mine;
    }

    /** The folder of one sweep's shards under an experiment's results folder. */
    public static Path sweepFolder(Path experimentFolder, Scale scale, String backendId, String precisionId) {
        return experimentFolder.resolve(SHARDS_FOLDER)
                .resolve(scale.name().toLowerCase(Locale.ROOT) + "-" + backendId + "-" + precisionId);
    }

    /** This shard's rows: {@code <index>-of-<count>.csv} in the sweep folder. */
    public Path runsFile(Path sweepFolder) {
        return sweepFolder.resolve(index + "-of-" + count + ".csv");
    }

    /** This shard's provenance: {@code <index>-of-<count>.json} in the sweep folder. */
    public Path provenanceFile(Path sweepFolder) {
        return sweepFolder.resolve(index + "-of-" + count + ".json");
    }

    /**
     * What a shard adds to its provenance besides the run's manifest fields: the shard, the host, and the Slurm job,
     * array job and task ids when it runs under Slurm.
     */
    public Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("shard", toString());
        p.put("host", hostName());
        for (String var : List.of("SLURM_JOB_ID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID", "SLURM_JOB_NODELIST")) {
            String value = System.getenv(var);
            if (value != null) {
                p.put(var.toLowerCase(Locale.ROOT), value);
            }
        }
        return p;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "unknown";
        }
    }

    /** {@code index/count}, the form {@link #parse} reads. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
