/**
 * The Markdown report: {@link difflab.analysis.report.MarkdownReport} (headings, paragraphs,
 * tables, figures, findings), {@link difflab.analysis.report.MarkdownTable},
 * {@link difflab.analysis.report.OrderTable} (measured vs nominal orders) and
 * {@link difflab.analysis.report.MarkdownFormat} (how numbers are printed).
 */
package difflab.analysis.report;
