package dev.lightbox.server.serving;

import dev.lightbox.server.assets.Location;
import dev.lightbox.server.cache.BoundedCache;
import dev.lightbox.server.http.Problems;
import dev.lightbox.storage.ByteRange;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.util.BufferUtil;

/**
 * The one place that turns a {@link ContentPlan} into a status, headers and (but for a stream) a body, for
 * the I/O-thread fast path and the full route alike. The header fields of the common answers (the whole
 * object inline, a redirect, a 304) are encoded once per object and reused while its asset row is the same.
 */
public final class ContentAnswers {
  static final String CACHE_CONTROL = "private, max-age=31536000, immutable";
  static final String REDIRECT_CACHE_CONTROL = "private, no-cache, no-transform";
  private static final byte[] PRECONDITION_FAILED = Problems.body(412,
      "the asset does not match If-Match or If-Unmodified-Since");

  private record Prepared(ServedObject object, HttpField[] whole, HttpField[] redirect, HttpField[] notModified) {
  }

  private final BoundedCache<Location, Prepared> prepared = BoundedCache.entries(50_000);

  /** Adds the plan's headers to {@code out} and returns its status. */
  int headers(ContentPlan plan, HttpFields.Mutable out) {
    return switch (plan) {
      case ContentPlan.NotModified p -> {
        add(out, prepared(p.object()).notModified());
        yield 304;
      }
      case ContentPlan.PreconditionFailed p -> {
        validators(out, p.object());
        problem(out, PRECONDITION_FAILED);
        yield 412;
      }
      case ContentPlan.RangeNotSatisfiable p -> {
        validators(out, p.object());
        contentHeaders(out, p.object(), p.disposition());
        out.put("Content-Range", "bytes */" + p.object().size());
        problem(out, rangeProblem(p));
        yield 416;
      }
      case ContentPlan.Redirect p -> {
        add(out, prepared(p.object()).redirect());
        out.add(HttpHeader.LOCATION, p.url().url().toString());
        yield 302;
      }
      case ContentPlan.Headers p -> content(out, p.object(), p.disposition(), p.range());
      case ContentPlan.Bytes p -> content(out, p.object(), p.disposition(), p.range());
      case ContentPlan.Stream p -> content(out, p.object(), p.disposition(), p.range());
      case ContentPlan.NeedsIo p -> throw new IllegalArgumentException("a plan that needs I/O has no answer yet");
    };
  }

  /** The whole body of every plan but a stream (empty when there is none). */
  static ByteBuffer body(ContentPlan plan) {
    return switch (plan) {
      case ContentPlan.Bytes p -> ByteBuffer.wrap(p.bytes());
      case ContentPlan.PreconditionFailed p -> ByteBuffer.wrap(PRECONDITION_FAILED);
      case ContentPlan.RangeNotSatisfiable p -> ByteBuffer.wrap(rangeProblem(p));
      default -> BufferUtil.EMPTY_BUFFER;
    };
  }

  private static byte[] rangeProblem(ContentPlan.RangeNotSatisfiable p) {
    return Problems.body(416, "the range '" + p.range() + "' starts beyond the " + p.object().size()
        + " bytes of the " + p.object().kind().id());
  }

  private static void problem(HttpFields.Mutable out, byte[] body) {
    out.put("Content-Type", "application/problem+json");
    out.put("Content-Length", body.length);
  }

  private int content(HttpFields.Mutable out, ServedObject obj, String disposition, ByteRange.Resolved range) {
    if (range == null && disposition == obj.inlineDisposition()) { // the very string: not a download
      add(out, prepared(obj).whole());
      return 200;
    }
    validators(out, obj);
    contentHeaders(out, obj, disposition);
    if (range != null) {
      out.put("Content-Range", range.contentRange());
    }
    out.put("Content-Length", range == null ? obj.size() : range.length());
    return range == null ? 200 : 206;
  }

  private Prepared prepared(ServedObject obj) {
    Prepared p = prepared.get(obj.location());
    if (p == null || p.object() != obj) {
      HttpFields.Mutable whole = HttpFields.build();
      validators(whole, obj);
      contentHeaders(whole, obj, obj.inlineDisposition());
      whole.put("Content-Length", obj.size());
      HttpFields.Mutable redirect = HttpFields.build();
      validators(redirect, obj);
      redirect.put("Cache-Control", REDIRECT_CACHE_CONTROL);
      HttpFields.Mutable notModified = HttpFields.build();
      validators(notModified, obj);
      notModified.put("Cache-Control", CACHE_CONTROL);
      p = new Prepared(obj, encoded(whole), encoded(redirect), encoded(notModified));
      prepared.put(obj.location(), p);
    }
    return p;
  }

  /** ETag and Last-Modified, sent with every answer about the object (nosniff is added at the edge: NoSniff). */
  private static void validators(HttpFields.Mutable h, ServedObject obj) {
    h.put("ETag", obj.etag());
    h.put("Last-Modified", Conditional.httpDate(obj.asset().createdAt()));
  }

  /** The headers of an answer that carries (or, for HEAD, describes) the object's bytes. */
  private static void contentHeaders(HttpFields.Mutable h, ServedObject obj, String disposition) {
    h.put("Cache-Control", CACHE_CONTROL);
    h.put("Accept-Ranges", "bytes");
    h.put("Content-Type", obj.mediaType());
    h.put("Content-Disposition", disposition);
  }

  private static void add(HttpFields.Mutable out, HttpField[] fields) {
    for (HttpField field : fields) {
      out.add(field);
    }
  }

  private static HttpField[] encoded(HttpFields fields) {
    return fields.stream().map(f -> f.getHeader() == null ? f
        : new PreEncodedHttpField(f.getHeader(), f.getName(), f.getValue())).toArray(HttpField[]::new);
  }
}
