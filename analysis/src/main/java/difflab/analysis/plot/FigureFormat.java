package difflab.analysis.plot;

import java.util.Locale;

/** The file formats a {@link Figure} is written in. */
public enum FigureFormat {
    /** Raster, at {@link FigureSize#pngDpi()}. */
    PNG,
    /** Vector; text drawn as glyph outlines, so no font is needed to view it. */
    SVG,
    /** Vector, one page; text drawn as glyph outlines, so no font is needed to view or print it. */
    PDF;

    /** The file name extension, without the dot. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code png}, {@code svg} or {@code pdf} (any case). */
    public static FigureFormat parse(String text) {
        for (FigureFormat f : values()) {
            if (f.extension().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("figure format '" + text + "' is not accepted; give png, svg or pdf");
    }
}
