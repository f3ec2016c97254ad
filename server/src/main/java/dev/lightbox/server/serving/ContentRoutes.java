package dev.lightbox.server.serving;

import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.http.Access;
import dev.lightbox.server.http.Exchange;
import dev.lightbox.server.http.Route;
import dev.lightbox.storage.BlobStream;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET|HEAD /api/assets/{id}/original|thumbnail|preview}: asks {@link ContentService} for the answer
 * and writes it with {@link ContentAnswers}, streaming what the plan streams.
 */
public final class ContentRoutes {
  private final ContentService content;
  private final ContentAnswers answers;

  public ContentRoutes(ContentService content, ContentAnswers answers) {
    this.content = content;
    this.answers = answers;
  }

  public List<Route> routes() {
    return List.of(ObjectKind.values()).stream().map(kind -> Route
        .of("GET", "/api/assets/{id}/" + kind.id(), Access.USER, ex -> serve(ex, kind))
        .summary("The asset's " + kind.id() + " (HEAD, Range, If-None-Match, If-Modified-Since, If-Range)")
        .query("download")
        .returns(200, "The bytes", "*/*").returns(206, "One range of the bytes", "*/*")
        .returns(302, "Redirect to a presigned URL (S3, redirect mode)", null)
        .returns(304, "Not modified", null).returns(404, "No such asset (or not yours)", "application/problem+json")
        .returns(416, "Range not satisfiable", "application/problem+json").build()).toList();
  }

  private void serve(Exchange ex, ObjectKind kind) throws IOException {
    ContentPlan plan = content.plan(new ContentRequest(ex.requireUser(), ex.pathParam("id"), kind, ex.isHead(),
        "1".equals(ex.query("download")), ex.header("If-Match"), ex.header("If-None-Match"),
        ex.header("If-Modified-Since"), ex.header("If-Unmodified-Since"), ex.header("If-Range"), ex.header("Range")));
    if (plan instanceof ContentPlan.Stream stream) {
      try (BlobStream in = stream.body()) {
        ex.status(answers.headers(plan, ex.responseHeaders()));
        ex.stream(in, stream.range() == null ? stream.object().size() : stream.range().length());
      }
      return;
    }
    ex.status(answers.headers(plan, ex.responseHeaders()));
    ex.sendLastAsync(ContentAnswers.body(plan));
  }
}
