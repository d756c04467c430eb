package io.jcoro.disklog.correlate;

import io.jcoro.disklog.serial.Resolver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The machines' bindings as they are now (at the end of the log, or at this moment of a followed one), for the
 * serial lookups that describe a machine as it is: an inventory's addresses and names, sysfs.
 */
final class AtEnd implements Resolver.Now {
    private final List<Machine> machines;
    private final Map<Host, Machine> byHost = new IdentityHashMap<>();
    private final Set<Drive> bound = Collections.newSetFromMap(new IdentityHashMap<>());

    AtEnd(List<Machine> machines) {
        this.machines = machines;
        for (Machine m : machines) {
            byHost.put(m.host, m);
            bound.addAll(m.byAddr.values());
            bound.addAll(m.byName.values());
        }
    }

    @Override
    public boolean holds(Drive d) {
        return bound.contains(d);
    }

    @Override
    public List<String> names(Drive d) {
        List<String> names = new ArrayList<>();
        if (bound.contains(d)) {
            for (Host h : d.hosts) { // (its hosts' machines only: a central log has a thousand)
                Machine m = byHost.get(h);
                if (m != null) {
                    names.addAll(m.currentNames(d));
                }
            }
        }
        return names;
    }

    @Override
    public Drive at(Host host, String address) {
        Machine m = byHost.get(host);
        return m == null ? null : m.byAddr.get(address);
    }

    @Override
    public boolean severalHosts() {
        return machines.size() > 1;
    }
}
