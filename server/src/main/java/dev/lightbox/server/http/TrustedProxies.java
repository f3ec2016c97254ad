package dev.lightbox.server.http;

import dev.lightbox.server.config.AddressRange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Believes {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only from the reverse proxies named in
 * LIGHTBOX_TRUSTED_PROXIES, so that login throttling counts real clients and the cross-site check knows the
 * page's scheme behind TLS. Jetty's own customizer takes the leftmost X-Forwarded-For entry, which a client
 * can write itself; this one walks the list from the right and stops at the first address that is not a
 * trusted proxy.
 */
final class TrustedProxies implements HttpConfiguration.Customizer {
  private final List<AddressRange> trusted;

  TrustedProxies(List<AddressRange> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
    if (!(peer instanceof InetSocketAddress socket) || socket.getAddress() == null
        || !isTrusted(socket.getAddress())) {
      return request;
    }
    InetAddress client = client(request.getHeaders().getValuesList("X-Forwarded-For"));
    String scheme = scheme(request.getHeaders().getValuesList("X-Forwarded-Proto"));
    if (client == null && scheme == null) {
      return request;
    }
    return new Forwarded(request, client == null ? socket : new InetSocketAddress(client, 0), scheme);
  }

  private boolean isTrusted(InetAddress address) {
    return trusted.stream().anyMatch(r -> r.contains(address));
  }

  /** The rightmost address that is not a trusted proxy; null when the header is absent or unreadable. */
  private InetAddress client(List<String> headerValues) {
    List<String> hops = headerValues.stream().flatMap(v -> List.of(v.split(",")).stream())
        .map(String::trim).filter(h -> !h.isEmpty()).toList();
    InetAddress last = null;
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = literal(hops.get(i));
      if (hop == null) {
        return last; // garbage from the client side of the chain: stop at what the proxies vouched for
      }
      last = hop;
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return last;
  }

  /** The scheme the nearest proxy reports (the last value), when it is http or https. */
  private static String scheme(List<String> headerValues) {
    if (headerValues.isEmpty()) {
      return null;
    }
    String[] parts = headerValues.getLast().split(",");
    String s = parts[parts.length - 1].trim().toLowerCase(Locale.ROOT);
    return s.equals("https") || s.equals("http") ? s : null;
  }

  /** An IP literal ({@code 1.2.3.4}, {@code 1.2.3.4:5}, {@code [::1]:5}, {@code ::1}); never a DNS lookup. */
  static InetAddress literal(String hop) {
    String s = hop;
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      s = end < 0 ? "" : s.substring(1, end);
    } else if (s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') > 0) {
      s = s.substring(0, s.indexOf(':')); // IPv4 with a port
    }
    if (s.isEmpty() || !s.matches("[0-9A-Fa-f:.]+") || !(s.contains(".") || s.contains(":"))) {
      return null;
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static final class Forwarded extends Request.Wrapper {
    private final ConnectionMetaData meta;
    private final HttpURI uri;

    Forwarded(Request request, InetSocketAddress client, String scheme) {
      super(request);
      boolean secure = scheme == null ? request.isSecure() : scheme.equals("https");
      this.meta = new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
        @Override
        public SocketAddress getRemoteSocketAddress() {
          return client;
        }

        @Override
        public boolean isSecure() {
          return secure;
        }
      };
      this.uri = scheme == null ? request.getHttpURI() : HttpURI.build(request.getHttpURI()).scheme(scheme).asImmutable();
    }

    @Override
    public ConnectionMetaData getConnectionMetaData() {
      return meta;
    }

    @Override
    public HttpURI getHttpURI() {
      return uri;
    }

    @Override
    public boolean isSecure() {
      return meta.isSecure();
    }
  }
}
