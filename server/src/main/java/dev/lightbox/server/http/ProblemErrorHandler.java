package dev.lightbox.server.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises itself (a malformed request line, headers too large, an unsupported HTTP version) as
 * problem+json, without stacks; Jetty chose the status, {@link Problems} the title and detail.
 */
public final class ProblemErrorHandler extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Object statusAttr = request.getAttribute(ERROR_STATUS);
    int status = statusAttr instanceof Integer s ? s : response.getStatus();
    if (status < 400) {
      status = 500;
    }
    byte[] body = Problems.body(status, Problems.protocolDetail(status, request.getAttribute(ERROR_MESSAGE)));
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/problem+json");
    response.getHeaders().put(NoSniff.FIELD);
    response.getHeaders().put("Content-Length", body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
