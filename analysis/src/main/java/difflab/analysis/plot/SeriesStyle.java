package difflab.analysis.plot;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Objects;

/** The colour and marker of one series. */
public record SeriesStyle(Color color, Marker marker) {
    public SeriesStyle {
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(marker, "marker");
    }

    /** Closed marker shapes (each can be drawn filled or hollow). */
    public enum Marker {
        CIRCLE, SQUARE, TRIANGLE_UP, DIAMOND, TRIANGLE_DOWN, PENTAGON, HEXAGON;

        /** The shape centred on the origin with the given width, in the units of the drawing. */
        public Shape shape(double size) {
            double r = size / 2;
            return switch (this) {
                case CIRCLE -> new Ellipse2D.Double(-r, -r, size, size);
                case SQUARE -> new Rectangle2D.Double(-r * 0.9, -r * 0.9, size * 0.9, size * 0.9);
                case TRIANGLE_UP -> polygon(3, r * 1.15, -Math.PI / 2);
                case DIAMOND -> polygon(4, r * 1.15, -Math.PI / 2);
                case TRIANGLE_DOWN -> polygon(3, r * 1.15, Math.PI / 2);
                case PENTAGON -> polygon(5, r * 1.05, -Math.PI / 2);
                case HEXAGON -> polygon(6, r, 0);
            };
        }

        private static Shape polygon(int corners, double radius, double start) {
            Path2D.Double p = new Path2D.Double();
            for (int i = 0; i < corners; i++) {
                double a = start + 2 * Math.PI * i / corners;
                if (i == 0) {
                    p.moveTo(radius * Math.cos(a), radius * Math.sin(a));
                } else {
                    p.lineTo(radius * Math.cos(a), radius * Math.sin(a));
                }
            }
            p.closePath();
            return p;
        }
    }
}
