package org.idminter.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.idminter.core.CanonicalId;
import org.idminter.core.InvalidInputException;
import org.idminter.core.MintRequest;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.load.ImportResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * import's contract on every database: the sample round-trips, contradictions are reported and
 * never overwrite, and a file with a bad row (a bad value, a row wider or narrower than the header,
 * a blank key part) is refused whole, naming its lines, with nothing written.
 */
public abstract class ImportContract extends StoreFixture {
  @Test
  void importOfTheSampleThenRemintingEveryKeyReturnsTheSameIdsAndTakesNothingFromThePool() {
    Map<SourceIdentifier, CanonicalId> expected = SampleData.sampleMappings();
    ImportResult imported =
        store.importer().importCsv(SampleData.sampleCsv(), ProgressListener.NONE);
    assertThat(imported.rows()).isEqualTo(10_000);
    assertThat(imported.inserted()).isEqualTo(10_000);
    assertThat(imported.contradictions()).isEmpty();
    store.pool().topUp(100, ProgressListener.NONE);
    long freeBefore = free();

    List<MintRequest> all = expected.keySet().stream().map(MintRequest::of).toList();
    for (int from = 0; from < all.size(); from += 1_000) {
      List<MintRequest> batch = all.subList(from, Math.min(all.size(), from + 1_000));
      minter.mint(batch).forEach((k, id) -> assertThat(id).as("%s", k).isEqualTo(expected.get(k)));
    }
    assertThat(free()).isEqualTo(freeBefore);
    assertThat(count("SELECT COUNT(*) FROM canonical_ids WHERE Status = 'assigned'"))
        .isEqualTo(10_000);

    ImportResult again = store.importer().importCsv(SampleData.sampleCsv(), ProgressListener.NONE);
    assertThat(again.inserted()).isZero();
    assertThat(again.unchanged()).isEqualTo(10_000);
  }

  @Test
  void importReportsRowsContradictingStoredMappingsAndNeverOverwrites(@TempDir Path dir)
      throws Exception {
    CanonicalId minted = mintOne("Work[sierra-system-number/b1]");
    Path csv = dir.resolve("m.csv");
    Files.writeString(
        csv,
        "SourceId,SourceSystem,OntologyType,CanonicalId\n"
            + "b1,sierra-system-number,Work,abcdefgh\n" // key already mapped to another ID
            + "b2,sierra-system-number,Work,"
            + minted
            + "\n" // ID already used by another key
            + "\"b3, with comma\",sierra-system-number,Work,bcdefghj\n"
            + "b4,sierra-system-number,Work,bcdefghj\n"); // same ID twice in one file
    ImportResult r = store.importer().importCsv(csv, ProgressListener.NONE);
    assertThat(r.inserted()).isEqualTo(1);
    assertThat(r.contradictions()).hasSize(3);
    assertThat(r.contradictions().get(0)).contains("line 5").contains("bcdefghj");
    assertThat(String.join("\n", r.contradictions()))
        .contains("line 2: Work[sierra-system-number/b1] is already mapped to " + minted);
    assertThat(mintOne("Work[sierra-system-number/b1]")).isEqualTo(minted);
    assertThat(minter.lookup(List.of(key("Work[sierra-system-number/b3, with comma]"))).found())
        .hasSize(1);
  }

  @Test
  void importWithABadRowFailsNamingFileAndLineAndWritesNothing(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(
        csv,
        "CanonicalId,OntologyType,SourceSystem,SourceId\n"
            + "abcdefgh,Work,sierra,b1\n"
            + "ABCDEFGH,Work,sierra,b2\n"
            + "bcdefghj,Work,,b3\n");
    assertThatThrownBy(() -> store.importer().importCsv(csv, ProgressListener.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("2 bad row(s) of 3, nothing imported")
        .hasMessageContaining("bad.csv line 3: bad canonical ID 'ABCDEFGH'")
        .hasMessageContaining(
            "bad.csv line 4: bad source identifier 'Work[/b3]': the source system is empty");
    assertThat(mappings()).isZero();
    assertThatThrownBy(
            () -> store.importer().importCsv(dir.resolve("missing.csv"), ProgressListener.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing.csv: no such file");
  }

  @Test
  void importOfARowWithOneFieldTooManyFailsNamingTheCountsAndWritesNothing(@TempDir Path dir)
      throws Exception {
    Path csv = dir.resolve("extra.csv");
    Files.writeString(
        csv,
        "CanonicalId,OntologyType,SourceId,SourceSystem\n"
            + "bcdefghj,Work,b1,sierra\n"
            + "abcdefgh,Image,b28065037,FILE_0175,mets-image\n");
    assertThatThrownBy(() -> store.importer().importCsv(csv, ProgressListener.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1 bad row(s) of 2, nothing imported")
        .hasMessageContaining("extra.csv line 3: 5 field(s), but the header has 4");
    assertThat(mappings()).isZero();
  }

  @Test
  void importOfABlankSourceValueFailsAndWritesNothing(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("blank.csv");
    Files.writeString(
        csv, "CanonicalId,OntologyType,SourceSystem,SourceId\nabcdefgh,Work,sierra,\" \"\n");
    assertThatThrownBy(() -> store.importer().importCsv(csv, ProgressListener.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2: bad source identifier 'Work[sierra/ ]'")
        .hasMessageContaining("blank");
    assertThat(mappings()).isZero();
  }
}
