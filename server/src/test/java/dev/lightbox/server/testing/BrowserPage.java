package dev.lightbox.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One tab of a {@link Chromium}: navigate, evaluate (awaiting promises), type, press keys, choose files. */
public final class BrowserPage {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private final Chromium browser;
  private final String session;

  BrowserPage(Chromium browser, String session) {
    this.browser = browser;
    this.session = session;
  }

  JsonNode call(String method, Map<String, ?> params) {
    return browser.call(session, method, params);
  }

  public void navigate(String url) {
    JsonNode result = call("Page.navigate", Map.of("url", url));
    if (result.hasNonNull("errorText")) {
      throw new IllegalStateException("cannot open " + url + ": " + result.get("errorText").asText());
    }
    waitFor("document.readyState === 'complete'", "the page " + url + " to load");
  }

  /** The value of a JavaScript expression (a promise is awaited), as JSON. */
  public JsonNode eval(String expression) {
    JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
        "returnByValue", true));
    if (result.has("exceptionDetails")) {
      JsonNode details = result.get("exceptionDetails");
      throw new AssertionError("JavaScript failed: " + details.path("exception").path("description")
          .asText(details.path("text").asText()) + "\n  in: " + expression);
    }
    return result.path("result").path("value");
  }

  public String text(String expression) {
    return eval(expression).asText();
  }

  /** Polls the expression in the page until it is truthy; returns its value, or fails naming what it waited for. */
  public JsonNode waitFor(String expression, String what) {
    return waitFor(expression, what, WAIT);
  }

  /**
   * As {@link #waitFor(String, String)}, polling up to {@code wait} (for work done in the background): in rounds
   * of at most {@link #WAIT}, each one DevTools call, so that no call outlasts the browser connection's timeout.
   */
  public JsonNode waitFor(String expression, String what, Duration wait) {
    long end = System.nanoTime() + wait.toNanos();
    while (true) {
      long round = Math.max(0, Math.min(WAIT.toMillis(), (end - System.nanoTime()) / 1_000_000));
      String poll = "new Promise((resolve, reject) => { const end = Date.now() + " + round + ";"
          + " const poll = () => { let v; try { v = (" + expression + "); } catch (e) { v = undefined; }"
          + " if (v) { resolve(v); } else if (Date.now() > end) { reject(new Error('timed out')); }"
          + " else { setTimeout(poll, 25); } }; poll(); })";
      try {
        return eval(poll);
      } catch (AssertionError e) {
        if (!String.valueOf(e.getMessage()).startsWith("JavaScript failed: Error: timed out")
            || System.nanoTime() - end >= 0) {
          throw new AssertionError("waited " + wait.toSeconds() + " s for " + what + " (" + expression + ")"
              + "; browser problems: " + browser.problems(), e);
        }
      }
    }
  }

  public void focus(String selector) {
    eval("document.querySelector(" + quote(selector) + ").focus()");
  }

  /** Types text into the focused element as a keyboard would (replacing any selection). */
  public void type(String text) {
    call("Input.insertText", Map.of("text", text));
  }

  public void press(String key) {
    int code = switch (key) {
      case "Enter" -> 13;
      case "Escape" -> 27;
      case "Delete" -> 46;
      case "ArrowLeft" -> 37;
      case "ArrowRight" -> 39;
      case "ArrowUp" -> 38;
      case "ArrowDown" -> 40;
      case "Home" -> 36;
      case "End" -> 35;
      case "Tab" -> 9;
      default -> throw new IllegalArgumentException("no key code for " + key);
    };
    Map<String, Object> down = new HashMap<>(Map.of("type", "rawKeyDown", "key", key, "code", key,
        "windowsVirtualKeyCode", code));
    if (key.equals("Enter")) {
      down.put("type", "keyDown");
      down.put("text", "\r");
    }
    call("Input.dispatchKeyEvent", down);
    call("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", key, "code", key, "windowsVirtualKeyCode", code));
  }

  public void click(String selector) {
    eval("document.querySelector(" + quote(selector) + ").click()");
  }

  /** Clicks with the mouse: moves to the middle of the element (scrolled into view), presses and releases. */
  public void mouseClick(String selector) {
    JsonNode at = eval("(() => { const e = document.querySelector(" + quote(selector) + ");"
        + " e.scrollIntoView({block: 'nearest', inline: 'nearest'}); const r = e.getBoundingClientRect();"
        + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
    double x = at.get("x").asDouble();
    double y = at.get("y").asDouble();
    call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
    for (String type : List.of("mousePressed", "mouseReleased")) {
      call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
    }
  }

  /**
   * Clicks an element whose handler opens a JavaScript dialog (confirm, alert), waits up to {@code wait} for
   * that dialog, accepts it and returns its message. (The click is queued in the page, since a call that
   * dispatches input would wait for the dialog to close.)
   */
  public String clickAndAcceptDialog(String selector, Duration wait) throws InterruptedException {
    browser.dialogs(session).clear();
    eval("setTimeout(() => document.querySelector(" + quote(selector) + ").click(), 0)");
    String message = browser.dialogs(session).poll(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    if (message == null) {
      throw new AssertionError("no dialog opened within " + wait + " after clicking " + selector);
    }
    call("Page.handleJavaScriptDialog", Map.of("accept", true));
    return message;
  }

  /** Emulates a touch phone's viewport of {@code width} x {@code height} CSS pixels. */
  public void phoneViewport(int width, int height) {
    call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
        "mobile", true));
  }

  /** Back to the window's own viewport. */
  public void windowViewport() {
    call("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** Chooses files in a file input, as the file picker would (fires input and change). */
  public void chooseFiles(String selector, List<Path> files) {
    String object = call("Runtime.evaluate", Map.of("expression", "document.querySelector(" + quote(selector) + ")"))
        .path("result").path("objectId").asText();
    call("DOM.setFileInputFiles", Map.of("objectId", object,
        "files", files.stream().map(BrowserPage::realPath).toList()));
  }

  /** Drags files from outside the browser and drops them at the middle of the window. */
  public void dropFiles(List<Path> files) {
    Map<String, Object> data = Map.of("items", List.of(), "files", files.stream().map(BrowserPage::realPath).toList(),
        "dragOperationsMask", 1);
    for (String type : List.of("dragEnter", "dragOver", "drop")) {
      call("Input.dispatchDragEvent", Map.of("type", type, "x", 640, "y", 450, "data", data));
    }
  }

  /** Chromium refuses (ERR_ACCESS_DENIED) to read a chosen file named through ".." or a symbolic link. */
  private static String realPath(Path file) {
    try {
      return file.toRealPath().toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static String quote(String text) {
    return Chromium.JSON.valueToTree(text).toString();
  }
}
