package io.framechat.net;

/** What every endpoint keeps: its id, gateway, peer address and when it was last heard from. */
public abstract class EndpointBase implements Endpoint {

  private final long id = Gateway.nextEndpointId();
  private final Gateway gateway;
  private final String transport;
  private final String host;
  private final String remote;
  private final FloodGuard flood = new FloodGuard();
  private long lastHeardMillis = System.currentTimeMillis();
  private boolean counted = true;

  protected EndpointBase(Gateway gateway, String transport, String host, int port) {
    this.gateway = gateway;
    this.transport = transport;
    this.host = host;
    this.remote = host + ":" + port;
  }

  /** The flood verdict for one more frame from this client. */
  protected final FloodGuard.Verdict flood() {
    return flood.check(System.nanoTime(), gateway.config().getLimits());
  }

  /**
   * Gives the client's place under the connection limits back, once: as soon as the server decides
   * to close, so a client that saw the close can connect again at once.
   */
  @Override
  public final void releaseSlot() {
    if (counted) {
      counted = false;
      gateway.released(host);
    }
  }

  /** Records that the client sent something. */
  protected final void heard() {
    lastHeardMillis = System.currentTimeMillis();
  }

  @Override
  public final long lastHeardMillis() {
    return lastHeardMillis;
  }

  @Override
  public final long id() {
    return id;
  }

  @Override
  public final Gateway gateway() {
    return gateway;
  }

  @Override
  public final String transport() {
    return transport;
  }

  @Override
  public final String remoteAddress() {
    return remote;
  }

  @Override
  public final String remoteHost() {
    return host;
  }

  @Override
  public String toString() {
    return transport + ":" + remote;
  }
}
