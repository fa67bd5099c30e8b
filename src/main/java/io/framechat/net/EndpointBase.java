package io.framechat.net;

/** What every endpoint keeps: its id, gateway, peer address and when it was last heard from. */
public abstract class EndpointBase implements Endpoint {

  private final long id = Gateway.nextEndpointId();
  private final Gateway gateway;
  private final String transport;
  private final String remote;
  private long lastHeardMillis = System.currentTimeMillis();

  protected EndpointBase(Gateway gateway, String transport, String remote) {
    this.gateway = gateway;
    this.transport = transport;
    this.remote = remote;
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
  public String toString() {
    return transport + ":" + remote;
  }
}
