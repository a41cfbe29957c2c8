package org.vlmeval.cli;

/** Entry point of the {@code vlm-eval} command line. */
public final class VlmEval {
    public static void main(String[] args) {
        System.out.println("vlm-eval");
    }
}
