package difflab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.run.InitialNoise;
import difflab.run.Particles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
