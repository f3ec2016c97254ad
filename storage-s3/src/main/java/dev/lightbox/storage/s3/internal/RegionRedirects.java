package dev.lightbox.storage.s3.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An {@link S3Client} that follows a bucket to its region: when the store answers a request with a
 * redirect (301 PermanentRedirect, or 400 AuthorizationHeaderMalformed) naming the bucket's real region in
 * {@code x-amz-bucket-region} or its message, it switches every later request to that region and retries
 * this one once. Request bodies are replayable, so a retried upload sends the same bytes again.
 */
public final class RegionRedirects implements InvocationHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RegionRedirects.class);
  private static final Pattern EXPECTING = Pattern.compile("expecting '([a-z0-9-]+)'");

  private final Function<String, S3Client> clientForRegion;
  private final List<S3Client> all = new CopyOnWriteArrayList<>();
  private final String bucket;
  private volatile String region;
  private volatile S3Client current;

  private RegionRedirects(String bucket, String region, Function<String, S3Client> clientForRegion) {
    this.bucket = bucket;
    this.region = region;
    this.clientForRegion = clientForRegion;
    this.current = clientForRegion.apply(region);
    all.add(current);
  }

  /** A client for {@code region} that moves to the bucket's region when the store says it is elsewhere. */
  public static RegionRedirects create(String bucket, String region, Function<String, S3Client> clientForRegion) {
    return new RegionRedirects(bucket, region, clientForRegion);
  }

  public S3Client client() {
    return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, this);
  }

  /** The region requests go to now. */
  public String region() {
    return region;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "close" -> {
        all.forEach(S3Client::close);
        return null;
      }
      case "toString" -> {
        return "S3Client[" + bucket + " in " + region + "]";
      }
      case "hashCode" -> {
        return System.identityHashCode(proxy);
      }
      case "equals" -> {
        return proxy == args[0];
      }
      default -> {
      }
    }
    S3Client used = current;
    try {
      return method.invoke(used, args);
    } catch (InvocationTargetException e) {
      String target = redirectRegion(e.getCause(), region);
      if (target == null) {
        throw e.getCause();
      }
      switchTo(target, used);
      try {
        return method.invoke(current, args);
      } catch (InvocationTargetException again) {
        throw again.getCause();
      }
    }
  }

  /** Moves every later request to {@code target}, where the store said the bucket lives (a lean GET learnt it). */
  public synchronized void follow(String target) {
    if (!target.equals(region)) {
      switchTo(target, current);
    }
  }

  private synchronized void switchTo(String target, S3Client failed) {
    if (current != failed) {
      return;
    }
    LOG.info("bucket '{}' lives in region '{}', not '{}': switching to it; set the region to '{}' to skip this",
        bucket, target, region, target);
    S3Client next = clientForRegion.apply(target);
    all.add(next);
    region = target;
    current = next;
  }

  /** The bucket's region when {@code failure} is a redirect to another one than {@code configured}, else null. */
  static String redirectRegion(Throwable failure, String configured) {
    if (!(failure instanceof AwsServiceException e)) {
      return null;
    }
    int status = e.statusCode();
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    boolean redirect = status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code);
    if (!redirect) {
      return null;
    }
    String region = bucketRegion(e);
    return region == null || region.equals(configured) ? null : region;
  }

  /** The region the store named in {@code x-amz-bucket-region} or in its message, or null. */
  public static String bucketRegion(AwsServiceException e) {
    if (e.awsErrorDetails() != null && e.awsErrorDetails().sdkHttpResponse() != null) {
      var header = e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
      if (header.isPresent() && header.get().matches("[a-z0-9-]+")) {
        return header.get();
      }
    }
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    if (message != null) {
      Matcher m = EXPECTING.matcher(message);
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }
}
