/**
 * The plan: which inputs to read and in which order, decided before the stream begins. Directories become log
 * trees, the same file or the same content is read once, and the files of each host are read oldest first, by the
 * times their first lines show or by their rotation suffixes ({@code kern.log.2.gz kern.log.1 kern.log}), so that a
 * binding made in an older file applies to the errors of a newer one and never the other way round.
 */
package io.jcoro.disklog.plan;
