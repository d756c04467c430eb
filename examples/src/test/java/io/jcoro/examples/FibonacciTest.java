package io.jcoro.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FibonacciTest {

    @Test
    void printsTheFibonacciNumbersBelowAMillionOnePerLine() {
        assertEquals("""
                0
                1
                1
                2
                3
                5
                8
                13
                21
                34
                55
                89
                144
                233
                377
                610
                987
                1597
                2584
                4181
                6765
                10946
                17711
                28657
                46368
                75025
                121393
                196418
                317811
                514229
                """, Console.output(() -> Fibonacci.main(new String[0])));
    }

    @Test
    void stopsAtTheLastNumberWhoseSuccessorReachesAMillion() {
        // The loop tests b, one step ahead of the yielded a: 514229 is yielded because 832040 is not below a million.
        assertEquals(java.util.List.of(317811, 514229),
                Fibonacci.fibonacci().stream().skip(28).toList());
    }
}
