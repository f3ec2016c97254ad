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
    String poll = "new Promise((resolve, reject) => { const end = Date.now() + " + WAIT.toMillis() + ";"
        + " const poll = () => { let v; try { v = (" + expression + "); } catch (e) { v = undefined; }"
        + " if (v) { resolve(v); } else if (Date.now() > end) { reject(new Error('timed out')); }"
        + " else { setTimeout(poll, 25); } }; poll(); })";
    try {
      return eval(poll);
    } catch (AssertionError e) {
      throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + " (" + expression + ")"
          + "; browser problems: " + browser.problems(), e);
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
