package io.jcoro.disklog;

import io.jcoro.disklog.read.Input;
import io.jcoro.disklog.read.Tuning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One run's settings, built once from the command line ({@link Cli}) and passed down: nothing else decides how
 * disklog behaves (no System properties).
 *
 * @param inputs           the logs and directories as named; standard input when the command line named none
 * @param hosts            globs of the hosts to report (--host); empty: every host
 * @param givenOrder       read the inputs in the order given, not each host's oldest first
 * @param json             JSON Lines instead of the table
 * @param explain          the evidence under each row of the table
 * @param follow           follow the last file (or standard input) and report drives as they start failing
 * @param inventory        the inventory file, or null
 * @param sysfs            look serials up in sysfs
 * @param sysfsRoot        where sysfs is ({@code /sys}; a test tree in tests)
 * @param progress         progress on stderr: true, false, or null for "when stderr is a terminal"
 * @param poll             how often a followed file is polled
 * @param stderrIsTerminal the launcher saw a terminal on stderr
 * @param width            the width to fit the table to; 0: no limit
 * @param tuning           how big files are read on several cores
 */
record Config(List<Input> inputs, List<String> hosts, boolean givenOrder, boolean json, boolean explain,
              boolean follow, Path inventory, boolean sysfs, Path sysfsRoot, Boolean progress, Duration poll,
              boolean stderrIsTerminal, int width, Tuning tuning) {

    /** Progress on stderr: as asked, else when stderr is a terminal and nothing is followed. */
    boolean showProgress() {
        return progress != null ? progress : !follow && stderrIsTerminal;
    }

    Config with(Tuning t) {
        return new Config(inputs, hosts, givenOrder, json, explain, follow, inventory, sysfs, sysfsRoot, progress, poll,
                stderrIsTerminal, width, t);
    }
}
