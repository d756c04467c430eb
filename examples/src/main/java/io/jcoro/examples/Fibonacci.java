package io.jcoro.examples;

import io.jcoro.Generator;

/**
 * A generator of the Fibonacci numbers below a million, produced on the fly rather than stored.
 *
 * <pre>{@code
 * def fibonaci():
 *     a, b = 0, 1
 *     while b < 1000000:
 *         yield a
 *         a, b = b, a+b
 *
 * for i in fibonaci():
 *     print(i)
 * }</pre>
 */
public final class Fibonacci {
    private Fibonacci() {
    }

    public static Generator<Integer, Void, Void> fibonacci() {
        return Generator.of(y -> {
            int a = 0, b = 1;
            while (b < 1_000_000) {
                y.yield(a);
                int next = a + b;
                a = b;
                b = next;
            }
        });
    }

    public static void main(String[] args) {
        for (int i : fibonacci()) {
            System.out.println(i);
        }
    }
}
