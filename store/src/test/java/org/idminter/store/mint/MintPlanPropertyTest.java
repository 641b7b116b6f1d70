package org.idminter.store.mint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.idminter.core.CanonicalId;
import org.idminter.core.MintException;
import org.idminter.core.MintRequest;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.id.CanonicalIdGenerator;

/**
 * Random calls over a small set of keys (so predecessors, chains, cycles, duplicates and normalised
 * twins like Person/Agent meet often): a plan or our exception, nothing else; and a plan never
 * gives a key two IDs, gives every new key one, and gives an inheriting key its predecessor's.
 */
class MintPlanPropertyTest {
  private static final List<String> TYPES = List.of("Work", "Person", "Agent");

  @Provide
  Arbitrary<SourceIdentifier> keys() {
    return Combinators.combine(Arbitraries.of(TYPES), Arbitraries.integers().between(0, 7))
        .as((t, i) -> new SourceIdentifier(t, "s", "k" + i));
  }

  @Provide
  Arbitrary<List<MintRequest>> calls() {
    Arbitrary<MintRequest> request =
        Combinators.combine(keys(), keys().optional(0.6)).as((k, p) -> new MintRequest(k, p));
    return request.list().ofMinSize(1).ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<SourceIdentifier>> existing() {
    return keys().list().ofMaxSize(5);
  }

  @Property(tries = 3000)
  void aPlanOrOurExceptionAndNeverTwoIdsForOneKey(
      @ForAll("calls") List<MintRequest> requests,
      @ForAll("existing") List<SourceIdentifier> stored,
      @ForAll long seed) {
    CanonicalIdGenerator ids = new CanonicalIdGenerator(new java.util.Random(seed));
    Map<SourceIdentifier, CanonicalId> existing = new HashMap<>();
    stored.forEach(k -> existing.putIfAbsent(k.normalised(), ids.next()));
    MintPlan plan;
    MintPlan.Resolution resolution;
    try {
      plan = MintPlan.of(requests);
      resolution = plan.resolve(existing);
    } catch (MintException refused) {
      assertThat(refused.getMessage()).contains("nothing was minted");
      return;
    }
    List<CanonicalId> claimed = new ArrayList<>();
    resolution.roots().forEach(r -> claimed.add(ids.next()));
    Map<SourceIdentifier, CanonicalId> planned = resolution.assign(claimed, existing);

    existing.keySet().forEach(k -> assertThat(planned).doesNotContainKey(k)); // first mint wins
    assertThat(resolution.roots().stream().map(planned::get).toList())
        .doesNotHaveDuplicates()
        .doesNotContainNull();
    Map<SourceIdentifier, CanonicalId> all = new HashMap<>(existing);
    all.putAll(planned);
    for (MintRequest r : requests) {
      SourceIdentifier key = r.key().normalised();
      assertThat(all).containsKey(key);
      Optional<SourceIdentifier> pred = r.predecessor().map(SourceIdentifier::normalised);
      if (!existing.containsKey(key) && pred.isPresent()) {
        assertThat(all.get(key)).isEqualTo(all.get(pred.get()));
      }
    }
    Map<SourceIdentifier, CanonicalId> result = plan.result(all);
    for (MintRequest r : requests) {
      assertThat(result.get(r.key())).isEqualTo(all.get(r.key().normalised()));
    }
  }
}
