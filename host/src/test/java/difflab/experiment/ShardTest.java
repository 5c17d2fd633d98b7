package difflab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {

    @Test
    void shardsPartitionTheCellsDisjointlyAndCompletelyInOrder() {
        List<Integer> cells = IntStream.range(0, 350).boxed().toList();
        for (int count : new int[] {1, 2, 3, 7, 350, 400}) {
            List<Integer> union = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                Shard shard = new Shard(i, count);
                List<Integer> mine = shard.select(cells);
                assertEquals(mine.size(), shard.cellCount(cells.size()), shard + " cellCount");
                for (int k = 1; k < mine.size(); k++) {
                    assertTrue(mine.get(k - 1) < mine.get(k), shard + " keeps the list order");
                }
                for (int p : mine) {
                    assertEquals(shard, Shard.owner(p, count));
                }
                union.addAll(mine);
            }
            assertEquals(cells, union.stream().sorted().toList(), "shards of " + count + " cover every cell once");
            int min = cells.size() / count;
            for (int i = 1; i <= count; i++) {
                int n = new Shard(i, count).cellCount(cells.size());
                assertTrue(n == min || n == min + 1, "balanced: " + n + " cells in shard " + i + "/" + count);
            }
        }
    }

    @Test
    void parsesIOverNAndRejectsAnythingElseNamingTheValue() {
        assertEquals(new Shard(2, 3), Shard.parse("2/3"));
        assertEquals(Shard.WHOLE, Shard.parse("1/1"));
        for (String bad : new String[] {"0/3", "4/3", "3", "1/0", "a/b", "-1/2", "1/3/4", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'") || e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void fileNamesRoundTrip() {
        Shard s = new Shard(12, 40);
        assertEquals(s, Shard.ofFileName(s.runsFile(java.nio.file.Path.of("x")).getFileName().toString()));
        assertEquals(null, Shard.ofFileName("runs.csv"));
        assertEquals(null, Shard.ofFileName("1-of-3.json"));
    }
}
