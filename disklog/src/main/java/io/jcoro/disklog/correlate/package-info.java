/**
 * Correlation: the {@link io.jcoro.disklog.correlate.Correlator} hands each line to its host's machine ({@code
 * Hosts}: a central log interleaves many hosts, each with its own {@code sda}) and to its family's handler (one class
 * per subsystem: {@code Scsi}, {@code Ata}, {@code Nvme}, {@code Block}, {@code FileSystems}, {@code
 * LogicalDevices}, {@code Usb}, {@code Sas}), which reads and updates that machine's bindings ({@code Machine}: which
 * drive holds each name, address and port at this moment) and records evidence on {@link
 * io.jcoro.disklog.correlate.Drive}s, which all hosts share: a serial is one drive wherever it turns up.
 */
package io.jcoro.disklog.correlate;
