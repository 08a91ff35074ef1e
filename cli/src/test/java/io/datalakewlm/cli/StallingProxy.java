package io.datalakewlm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between a worker and its DynamoDB that can be stalled: while stalled, nothing the
 * worker sends is passed on, so a handler that calls DynamoDB blocks in the middle of its task,
 * exactly where a worker dies in production. Bytes held back when the worker dies are dropped,
 * as a network drops the requests of a dead process. Test machinery only: it touches neither
 * Step Functions nor the data.
 */
final class StallingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final URI target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private volatile boolean stalled;
  private volatile boolean closed;

  StallingProxy(URI target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "stalling-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** From now on, requests are held back. */
  void stall() {
    stalled = true;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    synchronized (gate) {
      gate.notifyAll();
    }
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(target.getHost(), target.getPort()));
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream, true);
        pump(upstream, client, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  // Copies one direction of a connection; requests wait at the gate while stalled.
  private void pump(Socket from, Socket to, boolean request) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          if (request) {
            awaitOpenGate(from);
          }
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // either side went away
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }, "stalling-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  // Holds a request while stalled; gives up (dropping it) when the sender is gone or the proxy closes.
  private void awaitOpenGate(Socket sender) throws InterruptedException, IOException {
    synchronized (gate) {
      while (stalled && !closed) {
        gate.wait(100);
        if (sender.isClosed()) {
          throw new IOException("sender gone");
        }
      }
    }
    if (closed) {
      throw new IOException("proxy closed");
    }
  }
}
