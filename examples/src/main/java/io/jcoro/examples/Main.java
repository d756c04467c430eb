package io.jcoro.examples;

/** Placeholder entry point; replaced by the seed examples. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("jcoro examples");
    }
}
