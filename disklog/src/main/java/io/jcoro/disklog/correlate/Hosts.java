package io.jcoro.disklog.correlate;

import io.jcoro.disklog.read.Input;
import io.jcoro.disklog.scan.Line;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which host each line belongs to, and that host's {@link Machine}. Lines of different hosts never share bindings,
 * however they interleave.
 *
 * <ul>
 *   <li>A line whose envelope names a host belongs to it.</li>
 *   <li>A line that names none (dmesg, bare lines, journalctl's boot separators, lines of mixed formats) belongs to
 *       the host the last line of its input named; before its input has named one, to the host of its directory
 *       (an input found in a directory tree) or to the one host without a name.</li>
 *   <li>When an input's first lines name no host and a later line does, those first lines were that host's: the
 *       machine they went to takes the name, unless lines of another input or of a named host went there too.</li>
 *   <li>A placeholder name ({@code localhost}, {@code (none)}) in a file of a directory tree gives way to the
 *       directory's name: many machines log as {@code localhost}.</li>
 * </ul>
 */
final class Hosts {
    private final Drives drives;
    private final Map<String, Machine> byName = new HashMap<>();
    /** Every machine, in the order first seen. */
    final List<Machine> all = new ArrayList<>();
    private Machine unnamed;
    private Input input;
    /** The machine the last line of {@link #input} that named a host went to. */
    private Machine inputNamed;
    /** Where {@link #input}'s lines that name no host went, before it named one. */
    private Machine provisional;
    /** The machine of the last line: continuation lines go there. */
    Machine last;

    Hosts(Drives drives) {
        this.drives = drives;
    }

    /** The machine {@code l} belongs to. */
    Machine of(Line l) {
        if (l.input != input) {
            input = l.input;
            inputNamed = null;
            provisional = null;
        }
        String own = l.host;
        if (own != null && input.directory() != null && placeholder(own)) {
            own = null;
        }
        Machine m;
        if (own != null) {
            m = byName.get(own);
            if (m == null) {
                m = provisional != null && !provisional.host.named && provisional.feeder == input
                        ? adopt(provisional, own) : add(own, null);
            }
            m.host.named = true;
            inputNamed = m;
        } else if (inputNamed != null) {
            m = inputNamed;
        } else {
            String dir = input.directory();
            if (dir != null) {
                m = byName.get(dir);
                if (m == null) {
                    m = add(dir, dir);
                }
            } else {
                if (unnamed == null) {
                    unnamed = add(null, null);
                }
                m = unnamed;
            }
            if (m.feeder == null && !m.fedByMany) {
                m.feeder = input;
            } else if (m.feeder != input) {
                m.feeder = null;
                m.fedByMany = true;
            }
            provisional = m;
        }
        last = m;
        return m;
    }

    /** Has the current input named a host? Its lines that name none then belong with their neighbours. */
    boolean inputNamesHosts() {
        return inputNamed != null;
    }

    private Machine add(String name, String directory) {
        Machine m = new Machine(drives, new Host(name, directory));
        if (name != null) {
            byName.put(name, m);
        }
        all.add(m);
        return m;
    }

    /** The machine of an input's first lines takes the name its later lines give. */
    private Machine adopt(Machine m, String name) {
        if (m == unnamed) {
            unnamed = null;
        }
        m.host.name = name;
        byName.put(name, m); // (a directory's name still leads to it, for the other files of that directory)
        return m;
    }

    /** Names that many machines log under. */
    static boolean placeholder(String host) {
        return host.equals("localhost") || host.equals("localhost.localdomain") || host.equals("(none)")
                || host.equals("-");
    }

    /** The hosts with lines, in the order first seen. */
    List<Host> hosts() {
        List<Host> out = new ArrayList<>();
        for (Machine m : all) {
            out.add(m.host);
        }
        return out;
    }
}
