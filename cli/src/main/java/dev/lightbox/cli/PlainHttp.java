package dev.lightbox.cli;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK HttpClient for the import's server. Built without a TLS context, the client loads the default one,
 * which parses the JDK's ~150 CA certificates: about a tenth of a no-op {@code lightbox import}'s start-up,
 * spent even for an {@code http://} server. For an {@code http://} server the client gets a TLS context that
 * trusts nothing instead (cheap to make): it never follows redirects ({@link HttpClient.Redirect#NEVER}, the
 * default, kept explicit here) and uses no proxy, so it never opens a TLS connection, and if it ever tried,
 * every certificate would be refused. {@code https://} servers get the default context, as before.
 */
final class PlainHttp {
  private PlainHttp() {
  }

  static HttpClient client(URI server) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
        .followRedirects(HttpClient.Redirect.NEVER);
    if ("http".equalsIgnoreCase(server.getScheme())) {
      try {
        SSLContext none = SSLContext.getInstance("TLS");
        none.init(null, new TrustManager[] {new TrustsNothing()}, null);
        b.sslContext(none);
      } catch (GeneralSecurityException e) {
        // no such context here: the client loads the default one, only slower
      }
    }
    return b.build();
  }

  /** Refuses every certificate: an http:// server's client has no TLS peer to trust. */
  private static final class TrustsNothing extends X509ExtendedTrustManager {
    private static CertificateException refused() {
      return new CertificateException("lightbox: TLS is not used for an http:// server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw refused();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw refused();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
      throw refused();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
      throw refused();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) throws CertificateException {
      throw refused();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) throws CertificateException {
      throw refused();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
