/**
 * A generator of realistic synthetic kernel logs, with the truth about which drives failed: used by disklog's
 * tests and benchmarks, and to make the sample log the project ships.
 */
package io.jcoro.disklog.gen;
