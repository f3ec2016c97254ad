package dev.lightbox.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in a log line, whatever logged it: credential headers ({@code x-api-key}, {@code Authorization},
 * {@code Cookie}, {@code Set-Cookie}, security tokens, SSE-C keys), JSON fields named like a password, secret,
 * token or key, presigned-URL signatures and credentials, Lightbox API keys and session cookies, AWS key ids.
 * A last line of defence: the libraries that log wire data are also kept at INFO or above ({@link LogSettings}).
 */
final class Redactor {
  static final String MASK = "***";
  private static final List<Rule> RULES = List.of(
      // raw bytes in Jetty's buffer dumps ("ByteBuffer@1[p=0,l=9]={POST /a...<<<{"password":...>>>\x00}"):
      // the whole content, which may be cut anywhere (a secret's tail without its field name)
      new Rule("=\\{.{0,400}?<<<.*?>>>[^}]*}", "={<<<" + MASK + ">>>}"),
      // header: value (Jetty and HTTP client dumps), up to the end of the line, an escaped newline or a quote
      new Rule("(?i)\\b(x-api-key|authorization|proxy-authorization|cookie|set-cookie|x-amz-security-token"
          + "|x-amz-server-side-encryption-customer-key(?:-md5)?)(\\s*[:=]\\s*)[^\\r\\n\"\\\\]+", "$1$2" + MASK),
      // "password": "..." and friends in JSON
      new Rule("(?i)(\"[a-z_]*(?:password|passwd|secret|token|key|credential)[a-z_]*\"\\s*:\\s*\")[^\"]*\"",
          "$1" + MASK + "\""),
      // query and form parameters: presigned URLs, tokens, passwords
      new Rule("(?i)\\b(X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|AWSAccessKeyId|token"
          + "|access_token|api_key|apikey|password|secret)=[^&\\s\"'<>]+", "$1=" + MASK),
      // Lightbox API keys and session cookies anywhere
      new Rule("lbk_[A-Za-z0-9_\\-]+", "lbk_" + MASK),
      new Rule("(lightbox_session=)[^;\\s\"'\\\\]+", "$1" + MASK),
      // AWS access key ids
      new Rule("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b", "$1" + MASK));

  private record Rule(Pattern pattern, String replacement) {
    Rule(String regex, String replacement) {
      this(Pattern.compile(regex), replacement);
    }
  }

  private Redactor() {
  }

  static String redact(String line) {
    if (line == null || line.isEmpty()) {
      return line;
    }
    String out = line;
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(out);
      if (m.find()) {
        out = m.replaceAll(rule.replacement());
      }
    }
    return out;
  }
}
