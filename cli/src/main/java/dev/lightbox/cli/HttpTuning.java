package dev.lightbox.cli;

/**
 * The S3 client talks over java.net.HttpURLConnection, whose keep-alive cache holds only 5 idle connections
 * per server by default: with more objects in flight every extra request would open a new connection.
 */
final class HttpTuning {
  private HttpTuning() {
  }

  /** Must run before the first HTTP connection of the process. */
  static void forConcurrency(int concurrency) {
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", String.valueOf(Math.max(16, concurrency * 2)));
    }
  }
}
