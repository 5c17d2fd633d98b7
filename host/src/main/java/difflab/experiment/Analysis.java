package difflab.experiment;

import difflab.analysis.io.ResultTable;
import java.util.List;

/**
 * What an experiment's analysis produced: the fits table (fits.csv), the plot files relative to the experiment's
 * folder, Markdown tables or paragraphs for the report, and findings (one sentence each, with numbers) where a
 * measurement disagrees with a claim.
 */
public record Analysis(ResultTable fits, List<String> plots, List<String> reportBlocks, List<String> findings) {
    public Analysis {
        plots = List.copyOf(plots);
        reportBlocks = List.copyOf(reportBlocks);
        findings = List.copyOf(findings);
    }
}
