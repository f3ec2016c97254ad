package dev.lightbox.bench;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;

import dev.lightbox.storage.PresignedUrl;

/**
 * The reference side of {@link ProxyReadBench}: a presigned GET over Jetty's HttpClient, configured and
 * sent exactly as the server's former {@code PresignedReader} did (commit 10977d0), body streamed through
 * an {@link InputStreamResponseListener}.
 */
final class JettyPresignedReader implements AutoCloseable {
  private final HttpClient http = new HttpClient();

  JettyPresignedReader() throws Exception {
    http.setFollowRedirects(false);
    http.setConnectTimeout(10_000);
    http.setMaxConnectionsPerDestination(512);
    http.setUserAgentField(null);
    http.start();
  }

  long read(PresignedUrl url, byte[] buffer) throws Exception {
    Request req = http.newRequest(url.url()).timeout(60, TimeUnit.SECONDS);
    req.headers(h -> url.requiredHeaders().forEach(h::put));
    InputStreamResponseListener listener = new InputStreamResponseListener();
    req.send(listener);
    Response r = listener.get(60, TimeUnit.SECONDS);
    try (InputStream body = listener.getInputStream()) {
      if (r.getStatus() != 200) {
        throw new IllegalStateException("presigned GET answered HTTP " + r.getStatus());
      }
      return ProxyReadBench.drain(body, buffer);
    }
  }

  @Override
  public void close() throws Exception {
    http.stop();
  }
}
