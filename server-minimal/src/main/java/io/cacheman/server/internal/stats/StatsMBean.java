package io.cacheman.server.internal.stats;

import java.util.Map;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;

/**
 * Exposes a node's {@code stats} over JMX: one read-only attribute per stat, named as in the
 * protocol ({@code curr_items}, {@code get_hits}, ...), read live on each access.
 */
public final class StatsMBean implements DynamicMBean {
  private final Supplier<Map<String, Object>> stats;
  private final MBeanInfo info;

  public StatsMBean(Supplier<Map<String, Object>> stats) {
    this.stats = stats;
    Map<String, Object> sample = stats.get();
    MBeanAttributeInfo[] attributes = new MBeanAttributeInfo[sample.size()];
    int i = 0;
    for (Map.Entry<String, Object> e : sample.entrySet()) {
      attributes[i++] = new MBeanAttributeInfo(e.getKey(), e.getValue().getClass().getName(),
          "memcached stat " + e.getKey(), true, false, false);
    }
    this.info = new MBeanInfo(StatsMBean.class.getName(), "Cacheman node stats", attributes,
        null, null, null);
  }

  @Override
  public Object getAttribute(String attribute) throws AttributeNotFoundException {
    Object value = stats.get().get(attribute);
    if (value == null) {
      throw new AttributeNotFoundException("no stat named " + attribute);
    }
    return value;
  }

  @Override
  public AttributeList getAttributes(String[] attributes) {
    Map<String, Object> snapshot = stats.get();
    AttributeList list = new AttributeList();
    for (String name : attributes) {
      if (snapshot.containsKey(name)) {
        list.add(new Attribute(name, snapshot.get(name)));
      }
    }
    return list;
  }

  @Override
  public void setAttribute(Attribute attribute) {
    throw new UnsupportedOperationException("stats are read-only");
  }

  @Override
  public AttributeList setAttributes(AttributeList attributes) {
    return new AttributeList();
  }

  @Override
  public Object invoke(String actionName, Object[] params, String[] signature) {
    throw new UnsupportedOperationException("no operations");
  }

  @Override
  public MBeanInfo getMBeanInfo() {
    return info;
  }
}
