/**
 * Correlation: the {@link io.jcoro.disklog.correlate.Correlator} hands each line to its family's handler (one class
 * per subsystem: {@code Scsi}, {@code Ata}, {@code Nvme}, {@code Block}, {@code FileSystems}, {@code
 * LogicalDevices}, {@code Usb}, {@code Sas}), which reads and updates one machine's bindings ({@code Machine}: which
 * drive holds each name, address and port at this moment) and records evidence on {@link
 * io.jcoro.disklog.correlate.Drive}s.
 */
package io.jcoro.disklog.correlate;
