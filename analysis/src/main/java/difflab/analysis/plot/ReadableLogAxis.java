package difflab.analysis.plot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/** A JFreeChart log axis whose ticks come from {@link LogTicks} (JFreeChart's own label 10^-4.53 and the like). */
final class ReadableLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    ReadableLogAxis(String label) {
        super(label);
        setMinorTickMarksVisible(true);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        boolean vertical = RectangleEdge.isLeftOrRight(edge);
        TextAnchor anchor = vertical ? TextAnchor.CENTER_RIGHT : TextAnchor.TOP_CENTER;
        List ticks = new ArrayList();
        for (LogTicks.Tick t : LogTicks.of(getLowerBound(), getUpperBound())) {
            ticks.add(new NumberTick(t.labelled() ? TickType.MAJOR : TickType.MINOR, t.value(), t.label(), anchor,
                    anchor, 0.0));
        }
        return ticks;
    }
}
