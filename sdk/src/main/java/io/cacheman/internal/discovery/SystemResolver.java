package io.cacheman.internal.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * DNS as the JDK sees it, with no library added: {@link InetAddress} for A and AAAA records (so
 * the hosts file, the system resolver and the JVM's address cache, {@code networkaddress.cache.ttl},
 * apply as for every other lookup the application makes), and the JDK's JNDI DNS provider
 * ({@code com.sun.jndi.dns}) for SRV records, which {@code InetAddress} cannot ask for. The JNDI
 * provider reads the name servers of the system configuration and caches nothing itself.
 */
public final class SystemResolver implements Resolver {
  /** The one instance: it holds no state. */
  public static final SystemResolver INSTANCE = new SystemResolver();

  /** JNDI's defaults are a 1 s first try and 4 retries with doubling waits: up to 31 s for one dead server. */
  private static final String TIMEOUT_MILLIS = "1000";
  private static final String RETRIES = "2";

  private SystemResolver() {}

  @Override
  public List<InetAddress> addresses(String host) throws IOException {
    return List.of(InetAddress.getAllByName(host));
  }

  @Override
  public List<SrvRecord> srv(String name) throws IOException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, "dns:"); // the system's name servers
    env.put("com.sun.jndi.dns.timeout.initial", TIMEOUT_MILLIS);
    env.put("com.sun.jndi.dns.timeout.retries", RETRIES);
    DirContext context = null;
    try {
      context = new InitialDirContext(env);
      Attribute records = context.getAttributes(name, new String[] {"SRV"}).get("SRV");
      List<SrvRecord> out = new ArrayList<>();
      if (records != null) {
        NamingEnumeration<?> values = records.getAll();
        while (values.hasMore()) {
          out.add(SrvRecord.parse(String.valueOf(values.next())));
        }
      }
      return out;
    } catch (NamingException | IllegalArgumentException e) {
      throw new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    } finally {
      if (context != null) {
        try {
          context.close();
        } catch (NamingException ignored) {
          // nothing is held open between lookups
        }
      }
    }
  }
}
