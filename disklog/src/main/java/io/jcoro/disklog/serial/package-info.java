/**
 * Serials the log does not give: an inventory file, then sysfs on the live host, each only for a drive that the
 * lookup really describes (still bound to its address or name at the end of the log).
 */
package io.jcoro.disklog.serial;
