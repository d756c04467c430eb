package io.jcoro.sched;

import java.util.Random;

/**
 * The tasks waiting for their turn. Without a random source it is first in, first out (Beazley's ready queue);
 * with one, {@link #poll} takes a random task, which is how a simulation explores interleavings: the same seed
 * gives the same choices. A ring buffer either way; a random pick swaps the chosen task to the head first.
 */
final class ReadyQueue {
    private final Random random;
    private TaskImpl<?>[] ring = new TaskImpl<?>[16];
    private int head;
    private int size;

    ReadyQueue(Random random) {
        this.random = random;
    }

    void add(TaskImpl<?> t) {
        if (size == ring.length) {
            TaskImpl<?>[] bigger = new TaskImpl<?>[ring.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) & (ring.length - 1)] = t;
        size++;
    }

    TaskImpl<?> poll() {
        if (size == 0) {
            return null;
        }
        int mask = ring.length - 1;
        if (random != null && size > 1) {
            int pick = (head + random.nextInt(size)) & mask;
            TaskImpl<?> chosen = ring[pick];
            ring[pick] = ring[head];
            ring[head] = chosen;
        }
        TaskImpl<?> t = ring[head];
        ring[head] = null;
        head = (head + 1) & mask;
        size--;
        return t;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }
}
