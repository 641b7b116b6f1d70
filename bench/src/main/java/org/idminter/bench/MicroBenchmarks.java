package org.idminter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.document.Documents;
import org.idminter.core.document.IdentifiableNode;
import org.idminter.core.id.CanonicalIdGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH microbenchmarks of the hot paths that do not touch a database: canonical ID generation, key
 * parsing and printing, and the document walk and embed on the richest example work (a Sierra book
 * with items, subjects, contributors). Run by {@code bench/run} (part {@code jmh}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class MicroBenchmarks {
  private static final ObjectMapper MAPPER = org.idminter.core.document.ExactJson.MAPPER;

  private CanonicalIdGenerator generator;
  private SourceIdentifier key;
  private String keyText;
  private byte[] workBytes;
  private JsonNode work;
  private List<IdentifiableNode> nodes;
  private Map<SourceIdentifier, CanonicalId> ids;

  @Setup
  public void setUp() throws Exception {
    generator = new CanonicalIdGenerator(new SplittableRandom(42));
    keyText = "Work[sierra-system-number/b1000001]";
    key = SourceIdentifier.parse(keyText);
    Path examples = Path.of(System.getProperty("idminter.examples", "examples/works.jsonl"));
    String first = Files.readAllLines(examples, StandardCharsets.UTF_8).get(0);
    workBytes = first.getBytes(StandardCharsets.UTF_8);
    work = MAPPER.readTree(workBytes);
    nodes = Documents.find(work);
    ids = new HashMap<>();
    for (IdentifiableNode n : nodes) {
      ids.putIfAbsent(n.key(), generator.next());
    }
  }

  @Benchmark
  public CanonicalId canonicalIdNext() {
    return generator.next();
  }

  @Benchmark
  public SourceIdentifier keyParse() {
    return SourceIdentifier.parse(keyText);
  }

  @Benchmark
  public String keyPrint() {
    return key.toString();
  }

  /** Finding the identifiable nodes of a parsed work (the walk). */
  @Benchmark
  public List<IdentifiableNode> documentWalk() {
    return Documents.find(work);
  }

  /** Embedding IDs into the found nodes (idempotent: the same IDs every time). */
  @Benchmark
  public List<IdentifiableNode> documentEmbed() {
    Documents.embed(nodes, ids);
    return nodes;
  }

  /** A work's whole JSON cost: parse, walk, embed, serialise. */
  @Benchmark
  public byte[] documentParseWalkEmbedWrite() throws Exception {
    JsonNode doc = MAPPER.readTree(workBytes);
    Documents.embed(Documents.find(doc), ids);
    return MAPPER.writeValueAsBytes(doc);
  }
}
