package difflab.analysis.plot;

import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One fixed colour and marker per series name across every figure. Names in the book's ordered list (the sampler
 * registry, given by the caller) get style {@code i} by their position {@code i}: colour {@code i mod 8} and marker
 * {@code i mod 7}, so any 8 neighbours in the list differ in colour and the first 56 names differ in the pair.
 * Other names get a style from a hash of the name, moved to the next free style where it would repeat one already
 * used in the same panel (see {@link #assign}).
 */
public final class StyleBook {
    /** Eight colours that stay apart on white (Tableau 10 without its grey and olive, which are kept for guides). */
    static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final SeriesStyle.Marker[] MARKERS = SeriesStyle.Marker.values();
    /** How many distinct (colour, marker) pairs the book has. */
    static final int STYLES = COLORS.length * MARKERS.length;

    private final Map<String, Integer> index;

    private StyleBook(Map<String, Integer> index) {
        this.index = Map.copyOf(index);
    }

    /** A book that knows these names, in this order (e.g. every registered sampler id). */
    public static StyleBook of(List<String> orderedNames) {
        Map<String, Integer> index = new HashMap<>();
        for (String name : orderedNames) {
            index.putIfAbsent(name, index.size());
        }
        return new StyleBook(index);
    }

    /** A book that knows no names: every style comes from the name's hash. */
    public static StyleBook empty() {
        return new StyleBook(Map.of());
    }

    /** The style of style number {@code i}. */
    static SeriesStyle style(int i) {
        int k = Math.floorMod(i, STYLES);
        return new SeriesStyle(COLORS[k % COLORS.length], MARKERS[k % MARKERS.length]);
    }

    /** The fixed style of a name, or for an unknown name its hashed style, ignoring the other series of a panel. */
    public SeriesStyle styleOf(String name) {
        return style(number(name));
    }

    /**
     * The styles of one panel's series: known names keep their fixed style unless an earlier known name of the panel
     * has its colour (two families' numbering can meet in one panel); those and unknown names whose hashed style or
     * colour is taken get the next style with a colour still free in the panel.
     */
    public List<SeriesStyle> assign(List<String> names) {
        java.util.Set<Integer> used = new java.util.HashSet<>();
        java.util.Set<Integer> usedColors = new java.util.HashSet<>();
        java.util.Set<String> fixed = new java.util.HashSet<>();
        for (String n : names) {
            if (index.containsKey(n)) {
                int k = Math.floorMod(index.get(n), STYLES);
                if (!usedColors.contains(k % COLORS.length)) {
                    used.add(k);
                    usedColors.add(k % COLORS.length);
                    fixed.add(n);
                }
            }
        }
        java.util.ArrayList<SeriesStyle> out = new java.util.ArrayList<>();
        for (String n : names) {
            int k = Math.floorMod(number(n), STYLES);
            if (!fixed.contains(n)) {
                // Next style whose colour is still free in this panel (any free style once all colours are taken).
                while (used.size() < STYLES && (used.contains(k)
                        || usedColors.size() < COLORS.length && usedColors.contains(k % COLORS.length))) {
                    k = (k + 1) % STYLES;
                }
                used.add(k);
                usedColors.add(k % COLORS.length);
            }
            out.add(style(k));
        }
        return List.copyOf(out);
    }

    private int number(String name) {
        Integer i = index.get(name);
        return i != null ? i : Math.floorMod(name.hashCode(), STYLES);
    }
}
