package org.idminter.serve.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.IdMinterException;
import org.idminter.core.ProgressListener;
import org.idminter.core.document.ExactJson;
import org.idminter.pipeline.IdentifyRun;
import org.idminter.pipeline.RunReport;
import org.idminter.pipeline.Sink;
import org.idminter.pipeline.Source;
import org.idminter.pipeline.Work;
import org.idminter.pipeline.source.JsonLinesSource;
import org.idminter.serve.http.ApiError;
import org.idminter.serve.http.Bodies;
import org.idminter.serve.http.Guard.Access;
import org.idminter.serve.http.RequestIds;

/**
 * {@code POST /v1/identify}: one work ({@code application/json}) or many ({@code
 * application/x-ndjson}, one per line), identified as {@code idminter identify} does; each work
 * that fails is listed with why and never stops the others.
 */
public final class IdentifyRoutes {
  /** Works per request: every failure of a request is listed, and the report lists 1,000. */
  public static final int MAX_WORKS = RunReport.MAX_LISTED_ERRORS;

  private static final int MAX_DEPTH = 1000;
  private final Api api;

  private IdentifyRoutes(Api api) {
    this.api = api;
  }

  public static void register(Api api) {
    IdentifyRoutes r = new IdentifyRoutes(api);
    api.post("/v1/identify", Access.WRITE, r::identify);
  }

  private void identify(Context ctx) throws IOException {
    Bodies.requireType(ctx, "application/json", "application/x-ndjson", "application/jsonl");
    boolean single = Bodies.mediaType(ctx).equals("application/json");
    byte[] body = ctx.bodyAsBytes();
    List<Work> works = single ? List.of(one(body)) : read(body);
    if (works.isEmpty()) {
      throw ApiError.badRequest("the body holds no work: send one JSON object per line");
    }
    if (works.size() > MAX_WORKS) {
      throw new ApiError(
          400,
          "limit_exceeded",
          String.format(
              "the body holds more than the %,d works one request may carry: split it", MAX_WORKS));
    }
    Collected sink = new Collected();
    RunReport report = new RunReport(RequestIds.of(ctx), Optional.empty());
    new IdentifyRun(api.store().minter(), 500)
        .run(new Listed(works), sink, report, ProgressListener.NONE);
    api.metrics().identified("identified", report.successCount());
    api.metrics().identified("failed", report.failureCount());
    ObjectNode out = Bodies.MAPPER.valueToTree(answer(report));
    ArrayNode written = out.putArray("works");
    sink.lines.forEach(line -> written.addRawValue(new RawValue(line)));
    Bodies.send(ctx, single && report.failureCount() > 0 ? 422 : 200, out);
  }

  private static Map<String, Object> answer(RunReport report) {
    Map<String, Object> map = report.toMap();
    map.remove("job_id");
    return map;
  }

  /** The body as one work: malformed JSON is the request's error, not the work's. */
  private static Work one(byte[] body) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("the body is not UTF-8: send the work as UTF-8 JSON");
    }
    if (text.isBlank()) {
      throw ApiError.badRequest("the body is empty: send one work as a JSON object");
    }
    try {
      return Work.of("the work", new ExactJson(MAX_DEPTH).read(text));
    } catch (IdMinterException e) {
      throw ApiError.badRequest("the body: " + e.getMessage());
    }
  }

  /** The works of a JSON Lines body; a line that cannot be read is that work's failure. */
  private static List<Work> read(byte[] body) throws IOException {
    List<Work> works = new ArrayList<>();
    try (JsonLinesSource source =
        new JsonLinesSource(new ByteArrayInputStream(body), body.length + 1L, MAX_DEPTH)) {
      for (List<Work> batch = source.next(MAX_WORKS + 1);
          !batch.isEmpty() && works.size() <= MAX_WORKS;
          batch = source.next(MAX_WORKS + 1)) {
        works.addAll(batch);
      }
    }
    return works;
  }

  /** The works of one request, already read. */
  private static final class Listed implements Source {
    private List<Work> left;

    Listed(List<Work> works) {
      this.left = works;
    }

    @Override
    public List<Work> next(int count) {
      List<Work> batch = left.subList(0, Math.min(count, left.size()));
      List<Work> out = List.copyOf(batch);
      left = left.subList(out.size(), left.size());
      return out;
    }

    @Override
    public void close() {}
  }

  /** The identified works' JSON, in order. */
  private static final class Collected implements Sink {
    final List<String> lines = new ArrayList<>();

    @Override
    public List<Refused> write(List<Written> works) {
      works.forEach(w -> lines.add(w.json()));
      return List.of();
    }

    @Override
    public void close() {}
  }
}
