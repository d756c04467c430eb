package io.jcoro.disklog;

/** Placeholder entry point; replaced by the disklog command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("disklog");
    }
}
