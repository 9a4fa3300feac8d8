package spd.compiler.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** sweep.csv is real CSV: what a cell holds survives a reader, commas and quotes included. */
class SweepReportTest {
    @Test
    void aCommaOrAQuoteInAPathSurvivesTheCsv() throws Exception {
        Path file = Path.of("my \"best\", final.spd");
        Path run = Path.of("runs/a,b/\"q\"/seed-1");
        SweepPoint point = new SweepPoint(file, "exp", Map.of("lambda", "1e-3"), 1, run);
        RunRecord record = new RunRecord(point, "completed", 3, true, 0.25, 0.5, 12.0, List.of());
        String csv = SweepReport.csv(List.of(record));
        List<CSVRecord> rows = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();
        assertEquals(1, rows.size());
        assertEquals(file.toString(), rows.get(0).get("file"));
        assertEquals(run.toString(), rows.get(0).get("run_directory"));
        assertEquals("lambda=1e-3", rows.get(0).get("settings"));
        assertEquals("0.250000", rows.get(0).get("test_error"));
    }
}
