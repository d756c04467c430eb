package io.jcoro.disklog.gen;

/** The line formats disklog reads, as the generator writes them (docs/disklog.md, "Inputs"). */
public enum Format {
    /** {@code dmesg}: {@code [  123.456789] message}. */
    DMESG("dmesg"),
    /** {@code dmesg -T}: {@code [Sun Jul  5 01:55:08 2015] message}. */
    DMESG_T("dmesg-T"),
    /** {@code dmesg -r}: {@code <3>[  123.456789] message}. */
    DMESG_R("dmesg-r"),
    /** dmesg with CONFIG_PRINTK_CALLER: {@code [  123.456789][ T1234] message}. */
    DMESG_CALLER("dmesg-caller"),
    /** /var/log/kern.log by rsyslog: {@code Sep 30 11:20:12 host kernel: [  123.456789] message}. */
    SYSLOG("syslog"),
    /** kern.log forwarded from journald, and {@code journalctl -k}: {@code Sep 30 11:20:12 host kernel: message}. */
    SHORT("short"),
    /** {@code journalctl -k -o short-iso}: {@code 2024-09-30T11:20:12+0000 host kernel: message}. */
    SHORT_ISO("short-iso"),
    /** {@code journalctl -k -o short-precise}: {@code Sep 30 11:20:12.371717 host kernel: message}. */
    SHORT_PRECISE("short-precise"),
    /** {@code journalctl -k -o json}: one object per line. */
    JSON("json"),
    /** RFC 5424: {@code <3>1 2024-09-30T11:20:12.371717+00:00 host kernel - - - message}. */
    RFC5424("rfc5424"),
    /** {@code /dev/kmsg} records: {@code 3,1234,123456789,-;message}. */
    KMSG("kmsg"),
    /** The first seed's bare lines: the message alone. */
    SEED("seed"),
    /** Every line in a format picked at random from the others (but JSON): a file of mixed formats. */
    MIXED("mixed");

    final String name;

    Format(String name) {
        this.name = name;
    }

    /** Its lines name the host that logged them (what a central log server's file needs). */
    public boolean namesHost() {
        return switch (this) {
            case SYSLOG, SHORT, SHORT_ISO, SHORT_PRECISE, JSON, RFC5424, MIXED -> true;
            default -> false;
        };
    }

    /** The format called {@code name} on the command line. */
    public static Format of(String name) {
        for (Format f : values()) {
            if (f.name.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'");
    }

    @Override
    public String toString() {
        return name;
    }
}
