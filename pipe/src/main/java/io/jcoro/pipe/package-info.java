/** Push pipelines and event handling built on jcoro coroutines (Beazley's course, parts 1 to 4). */
package io.jcoro.pipe;
