package dev.migrate.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecentTextsTest {

    private static final long HALF = RecentTexts.BUDGET / 2;
    private static final long QUARTER = RecentTexts.BUDGET / 4;

    @BeforeEach
    @AfterEach
    void nothingKept() {
        RecentTexts.forget();
    }

    @Test
    void keepsUntilTakenOrForgotten() {
        RecentTexts.put("a", "text a", 6);
        RecentTexts.put("b", "text b", 6);

        assertThat(RecentTexts.take("a", String.class)).isEqualTo("text a");
        assertThat(RecentTexts.get("a", String.class)).isNull();
        assertThat(RecentTexts.take("a", String.class)).isNull();
        assertThat(RecentTexts.get("b", String.class)).isEqualTo("text b");
        RecentTexts.forget();
        assertThat(RecentTexts.get("b", String.class)).isNull();
    }

    @Test
    void whatWasKeptLastMakesRoomNotWhatWasKeptFirst() {
        RecentTexts.put("first", "1", HALF);
        RecentTexts.put("second", "2", HALF);
        RecentTexts.put("third", "3", HALF);

        assertThat(RecentTexts.get("first", String.class)).isEqualTo("1");
        assertThat(RecentTexts.get("second", String.class)).as("kept last before the third").isNull();
        assertThat(RecentTexts.get("third", String.class)).isEqualTo("3");
    }

    @Test
    void somethingTakenNoLongerCountsOrMakesRoom() {
        RecentTexts.put("a", "a", HALF);
        RecentTexts.put("b", "b", QUARTER);
        RecentTexts.take("b", String.class);
        RecentTexts.put("c", "c", HALF);

        assertThat(RecentTexts.get("a", String.class)).as("a and c fit once b is taken").isEqualTo("a");
        assertThat(RecentTexts.get("c", String.class)).isEqualTo("c");

        RecentTexts.put("d", "d", 3 * QUARTER);
        assertThat(RecentTexts.get("a", String.class)).isNull();
        assertThat(RecentTexts.get("c", String.class)).isNull();
        assertThat(RecentTexts.get("d", String.class)).isEqualTo("d");
    }

    @Test
    void keptAgainAfterBeingTakenCountsOnceAsTheNewest() {
        RecentTexts.put("a", "old a", HALF);
        RecentTexts.take("a", String.class);
        RecentTexts.put("b", "b", HALF);
        RecentTexts.put("a", "new a", HALF);
        RecentTexts.put("c", "c", HALF);

        assertThat(RecentTexts.get("a", String.class)).as("the newest before c").isNull();
        assertThat(RecentTexts.get("b", String.class)).isEqualTo("b");
        assertThat(RecentTexts.get("c", String.class)).isEqualTo("c");
    }

    @Test
    void keptAgainUnderTheSameKeyReplacesWhatWasThere() {
        RecentTexts.put("a", "old", HALF);
        RecentTexts.put("a", "new", HALF);
        RecentTexts.put("b", "b", HALF);

        assertThat(RecentTexts.get("a", String.class)).as("counted once").isEqualTo("new");
        assertThat(RecentTexts.get("b", String.class)).isEqualTo("b");
    }

    @Test
    void somethingTakenIsNoLongerHeldOnceItsTakerLetsGo() throws InterruptedException {
        RecentTexts.put("first", new byte[16], 16);
        byte[] taken = new byte[1 << 20];
        RecentTexts.put("data load", taken, taken.length);
        assertThat(RecentTexts.take("data load", byte[].class)).isSameAs(taken);
        WeakReference<byte[]> reference = new WeakReference<>(taken);
        taken = null;

        for (int i = 0; i < 20 && reference.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(reference.get()).as("collected: a run does not hold what it handed over").isNull();
    }
}
