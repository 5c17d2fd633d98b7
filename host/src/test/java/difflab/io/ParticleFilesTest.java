package difflab.io;

import difflab.core.InitialNoise;
import difflab.core.Particles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParticleFilesTest {
    @Test
    void csvAndNpyRoundTripBitForBit(@TempDir Path dir) {
        Particles p = InitialNoise.standardNormal(37, 3, 5);
        for (String name : new String[] {"p.csv", "p.npy"}) {
            Path f = dir.resolve(name);
            ParticleFiles.write(f, p);
            assertEquals(p, ParticleFiles.read(f), name);
        }
    }

    @Test
    void npyHeaderIsNumpyVersionOneAlignedTo64Bytes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.npy");
        ParticleFiles.write(f, InitialNoise.standardNormal(4, 2, 1));
        byte[] b = Files.readAllBytes(f);
        int headerLen = (b[8] & 0xff) | ((b[9] & 0xff) << 8);
        assertEquals(0, (10 + headerLen) % 64);
        String header = new String(b, 10, headerLen, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("'shape': (4, 2)") && header.contains("'<f8'"), header);
        assertEquals(10 + headerLen + 8 * 8, b.length);
    }

    @Test
    void malformedInputIsRejectedWithTheReason(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x0,x1\n1,2\n3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParticleFiles.read(bad));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        Path txt = dir.resolve("p.txt");
        Files.writeString(txt, "1");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ParticleFiles.read(txt)).getMessage()
                .contains(".csv, .npy"));
    }

    private static String refusal(Path file) {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ParticleFiles.read(file),
                file.toString());
        assertTrue(bad.getMessage().contains(file.toString()), bad.getMessage());
        return bad.getMessage();
    }

    @Test
    void csvWithoutHeaderNonFiniteOrJavaStyleNumbersIsRefused(@TempDir Path dir) throws Exception {
        Path noHeader = dir.resolve("no-header.csv");
        Files.writeString(noHeader, "0.1,0.2\n0.3,0.4\n");
        assertTrue(refusal(noHeader).contains("line 1"), refusal(noHeader));
        for (String value : new String[] {"NaN", "Infinity", "-Infinity", "0.34d", "1.0f", "0x1p3", "1e999"}) {
            Path file = dir.resolve("bad.csv");
            Files.writeString(file, "x0,x1\n0.1,0.2\n0.3," + value + "\n");
            String message = refusal(file);
            assertTrue(message.contains("line 3 column 2") && message.contains(value), message);
        }
        Path ok = dir.resolve("ok.csv");
        Files.writeString(ok, "x0,x1\n-1.5,+2e-3\n.5,3.\n");
        assertEquals(2, ParticleFiles.read(ok).count());
    }

    @Test
    void emptyTruncatedOrNonFiniteNpyAndFoldersAreRefused(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.npy");
        Files.write(empty, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }", new double[0]));
        assertTrue(refusal(empty).contains("no particles"), refusal(empty));

        Path full = dir.resolve("full.npy");
        ParticleFiles.write(full, Particles.fromRows(new double[][] {{1, 2}, {3, 4}}));
        byte[] bytes = Files.readAllBytes(full);
        Path truncated = dir.resolve("truncated.npy");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, 30));
        assertTrue(refusal(truncated).contains("truncated"), refusal(truncated));

        Path nan = dir.resolve("nan.npy");
        Files.write(nan, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }", new double[] {1, Double.NaN}));
        assertTrue(refusal(nan).contains("NaN"), refusal(nan));

        Path folder = dir.resolve("folder.csv");
        Files.createDirectories(folder);
        assertTrue(refusal(folder).contains("is a folder"), refusal(folder));
    }

    private static byte[] npy(String dict, double[] values) {
        String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + header.length() + 8 * values.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }
}
