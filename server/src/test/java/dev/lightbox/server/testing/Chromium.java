package dev.lightbox.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol with the JDK's own WebSocket client: no
 * driver download, no network. One browser-level connection; pages are flat sessions on it.
 */
public final class Chromium implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final Path log;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  /** Script exceptions, console errors and policy violations reported by any page. */
  private final List<String> problems = new CopyOnWriteArrayList<>();
  /** JavaScript dialogs (alert, confirm, prompt) opened and not handled yet, per page session. */
  private final Map<String, java.util.concurrent.BlockingQueue<String>> dialogs = new ConcurrentHashMap<>();

  private Chromium(Process process, Path log, WebSocket socket) {
    this.process = process;
    this.log = log;
    this.socket = socket;
  }

  /** The browser on PATH (Debian's package is {@code chromium}), or null. */
  public static Path find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  public static Chromium launch(Path executable, Path workDir) throws IOException, InterruptedException {
    return launch(executable, workDir, List.of());
  }

  /** With extra command-line switches, such as {@code --host-resolver-rules=...}. */
  public static Chromium launch(Path executable, Path workDir, List<String> switches)
      throws IOException, InterruptedException {
    Path profile = Files.createDirectories(workDir.resolve("profile"));
    Path log = workDir.resolve("chromium.log");
    List<String> command = new java.util.ArrayList<>(List.of(executable.toString(), "--headless=new",
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
        "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile,
        "--window-size=1280,900"));
    command.addAll(switches);
    command.add("about:blank");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path activePort = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<String> lines = List.of();
    while (lines.size() < 2) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException("Chromium did not start its DevTools endpoint; its output:\n"
            + (Files.exists(log) ? Files.readString(log) : "(none)"));
      }
      Thread.sleep(50);
      lines = Files.exists(activePort) ? Files.readAllLines(activePort) : List.of();
    }
    URI endpoint = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
    Chromium[] self = new Chromium[1];
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(endpoint, new Listener(message -> self[0].receive(message))).join();
    self[0] = new Chromium(process, log, socket);
    return self[0];
  }

  /** A new tab with the Page, Runtime, DOM, Log and Network domains enabled. */
  public BrowserPage newPage() {
    String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
    String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
        .get("sessionId").asText();
    BrowserPage page = new BrowserPage(this, session);
    for (String domain : List.of("Page", "Runtime", "DOM", "Log", "Network")) {
      page.call(domain + ".enable", Map.of());
    }
    return page;
  }

  /** Saves what any tab downloads into {@code dir} (under its suggested file name) instead of asking. */
  public void allowDownloads(Path dir) {
    call(null, "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", dir.toString()));
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  synchronized JsonNode call(String session, String method, Map<String, ?> params) {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    if (session != null) {
      message.put("sessionId", session);
    }
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      socket.sendText(message.toString(), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new IllegalStateException(method + " failed: " + reply.get("error"));
      }
      return reply.get("result");
    } catch (TimeoutException e) {
      throw new IllegalStateException(method + " got no answer within " + CALL_TIMEOUT, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(method + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pending.remove(id);
    }
  }

  private void receive(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (message.has("id")) {
      CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
      if (answer != null) {
        answer.complete(message);
      }
      return;
    }
    JsonNode params = message.path("params");
    switch (message.path("method").asText()) {
      case "Runtime.exceptionThrown" -> problems.add("exception: "
          + params.path("exceptionDetails").path("exception").path("description").asText(
              params.path("exceptionDetails").path("text").asText()));
      case "Log.entryAdded" -> {
        JsonNode entry = params.path("entry");
        // The network source reports every non-2xx answer, which the gallery gets on purpose (401, 415...).
        if ("error".equals(entry.path("level").asText()) && !"network".equals(entry.path("source").asText())) {
          problems.add(entry.path("source").asText() + ": " + entry.path("text").asText());
        }
      }
      case "Network.loadingFailed" -> {
        if (!params.path("canceled").asBoolean()) {
          problems.add("network: " + params.path("errorText").asText() + " (" + params.path("type").asText() + ")");
        }
      }
      case "Page.javascriptDialogOpening" -> dialogs(message.path("sessionId").asText())
          .add(params.path("message").asText());
      case "Runtime.consoleAPICalled" -> {
        if ("error".equals(params.path("type").asText())) {
          problems.add("console.error: " + params.path("args"));
        }
      }
      default -> { }
    }
  }

  java.util.concurrent.BlockingQueue<String> dialogs(String session) {
    return dialogs.computeIfAbsent(session, s -> new java.util.concurrent.LinkedBlockingQueue<>());
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException ignored) {
      // the browser is stopped below either way
    }
    List<ProcessHandle> children = process.toHandle().descendants().toList();
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  /** Gathers a message's fragments and hands over whole texts. */
  private static final class Listener implements WebSocket.Listener {
    private final java.util.function.Consumer<String> onMessage;
    private final StringBuilder partial = new StringBuilder();

    Listener(java.util.function.Consumer<String> onMessage) {
      this.onMessage = onMessage;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        onMessage.accept(text);
      }
      webSocket.request(1);
      return null;
    }
  }
}
