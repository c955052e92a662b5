package io.pixmesh.http;

import java.util.Random;

/** Random strings built from the characters a parser cares about, for robustness tests. */
final class Fuzz {

    private Fuzz() {
    }

    /** A string of up to {@code maxLength} characters, each drawn from {@code alphabet}. */
    static String string(Random random, String alphabet, int maxLength) {
        char[] chars = new char[random.nextInt(maxLength + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }
}
