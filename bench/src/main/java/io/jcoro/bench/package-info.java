/** JMH benchmarks: every comparison runs side by side in one JMH run; read ratios, not absolute times. */
package io.jcoro.bench;
