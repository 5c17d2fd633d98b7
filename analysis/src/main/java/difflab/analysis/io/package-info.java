/**
 * Result files: {@link difflab.analysis.io.ResultTable} (CSV tables of experiment cells),
 * {@link difflab.analysis.io.JsonFiles} (JSON manifests) and {@link difflab.analysis.io.AtomicFiles},
 * through which every file of this module is written: a temporary file in the target's directory,
 * then a rename over the target, so a reader sees the old file or the new one, never a torn one.
 */
package difflab.analysis.io;
