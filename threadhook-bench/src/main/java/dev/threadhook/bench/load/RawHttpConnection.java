package dev.threadhook.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over one blocking keep-alive socket, written and parsed by hand: it reads exactly
 * what a server answers (Content-Length, chunked, or until close), and nothing else. It does not
 * follow redirects nor decode compressed bodies; the load tool needs neither.
 */
final class RawHttpConnection implements HttpConnection {
  private static final int MAX_LINE = 16 * 1024;

  private final InetSocketAddress address;
  private final String hostHeader;
  private final ByteArrayOutputStream head = new ByteArrayOutputStream(512);
  private final byte[] buffer = new byte[16 * 1024];
  private int position;
  private int limit;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawHttpConnection(InetSocketAddress address, String hostHeader) {
    this.address = address;
    this.hostHeader = hostHeader;
  }

  void open() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(address, 10_000);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
    position = 0;
    limit = 0;
  }

  @Override
  public Answer send(Request request) throws IOException {
    if (socket == null) open();
    try {
      out.write(encode(request));
      out.flush();
      return readAnswer(request.method().equals("HEAD"));
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The whole request in one array, so it leaves in one write (and usually one packet). */
  private byte[] encode(Request request) {
    StringBuilder text = new StringBuilder(256)
        .append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
        .append("Host: ").append(hostHeader).append("\r\n");
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      text.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    if (request.body().length > 0 || request.method().equals("POST")) {
      text.append("Content-Length: ").append(request.body().length).append("\r\n");
    }
    text.append("\r\n");
    head.reset();
    head.writeBytes(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    head.writeBytes(request.body());
    return head.toByteArray();
  }

  private Answer readAnswer(boolean headRequest) throws IOException {
    String statusLine = readLine();
    // "HTTP/1.1 200 OK"
    if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
      throw new IOException("expected an HTTP/1.x status line but was '" + statusLine + "'");
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    boolean closeAfter = statusLine.startsWith("HTTP/1.0");
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon <= 0) throw new IOException("malformed header line '" + line + "'");
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closeAfter = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    byte[] body;
    if (headRequest || status == 204 || status == 304 || (status >= 100 && status < 200)) {
      body = new byte[0];
    } else if (chunked) {
      body = readChunked();
    } else if (contentLength >= 0) {
      body = readExactly((int) contentLength);
    } else {
      body = readToEnd();
      closeAfter = true;
    }
    if (closeAfter) close();
    return new Answer(status, body);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int semicolon = sizeLine.indexOf(';');
      int size = Integer.parseInt(
          (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip(), 16);
      if (size == 0) break;
      body.writeBytes(readExactly(size));
      if (!readLine().isEmpty()) throw new IOException("chunk not followed by CRLF");
    }
    // trailers, up to the empty line
    while (!readLine().isEmpty()) {
      // ignored
    }
    return body.toByteArray();
  }

  private byte[] readExactly(int length) throws IOException {
    byte[] bytes = new byte[length];
    int copied = 0;
    while (copied < length) {
      if (position == limit) fill();
      int n = Math.min(length - copied, limit - position);
      System.arraycopy(buffer, position, bytes, copied, n);
      position += n;
      copied += n;
    }
    return bytes;
  }

  private byte[] readToEnd() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(buffer, position, limit - position);
    position = limit;
    bytes.writeBytes(in.readAllBytes());
    return bytes.toByteArray();
  }

  /** A line without its CRLF (a bare LF is accepted too). */
  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      if (position == limit) fill();
      byte b = buffer[position++];
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
        return line.toString();
      }
      if (line.length() >= MAX_LINE) throw new IOException("header line longer than " + MAX_LINE);
      line.append((char) (b & 0xff));
    }
  }

  private void fill() throws IOException {
    int n = in.read(buffer);
    if (n < 0) throw new EOFException("the server closed the connection");
    position = 0;
    limit = n;
  }

  @Override
  public void close() {
    if (socket == null) return;
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket the server may already have closed
    }
    socket = null;
  }
}
