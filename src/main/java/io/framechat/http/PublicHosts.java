package io.framechat.http;

import io.vertx.core.net.HostAndPort;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The host names the server answers {@code /ws} and {@code /api} under (the {@code Host} of a
 * request, or the {@code :authority} of an upgrade): {@code localhost}, the addresses it listens on
 * (every address of the machine when it listens on all), and {@code http.publicHosts}; {@code *}
 * there admits any. A page on a domain made to point at this server (DNS rebinding) names its own
 * domain, and is refused: its scripts cannot pass for the server's own page.
 */
final class PublicHosts {

  private static final Logger LOG = Logger.getLogger(PublicHosts.class.getName());

  private final boolean any;
  private final Set<String> names = new HashSet<>();

  /**
   * The names the server answers under.
   *
   * @param listenHost {@code http.host}
   * @param listed {@code http.publicHosts}
   */
  PublicHosts(String listenHost, List<String> listed) {
    any = listed.contains("*");
    names.add("localhost");
    listed.forEach(name -> names.add(normal(name)));
    try {
      InetAddress bound = InetAddress.getByName(listenHost);
      if (bound.isAnyLocalAddress()) {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          Collections.list(nic.getInetAddresses()).forEach(address -> names.add(normal(address.getHostAddress())));
        }
      } else {
        names.add(normal(bound.getHostAddress()));
        if (bound.isLoopbackAddress()) {
          names.add("127.0.0.1");
          names.add("::1");
        }
      }
    } catch (UnknownHostException | SocketException e) {
      LOG.warning("the addresses the HTTP listener answers under could not all be read (" + e.getMessage()
          + "): list them in http.publicHosts");
      names.add(normal(listenHost));
    }
  }

  /** Whether a request naming {@code authority} (null when it names none) is answered. */
  boolean admits(HostAndPort authority) {
    return any || (authority != null && names.contains(normal(authority.host())));
  }

  /** A host name or address as compared: lower case, an IPv6 address without brackets or zone. */
  private static String normal(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    int zone = name.indexOf('%');
    return zone < 0 ? name : name.substring(0, zone);
  }
}
