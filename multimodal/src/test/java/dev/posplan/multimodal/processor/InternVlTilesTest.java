package dev.posplan.multimodal.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.multimodal.Grid;
import org.junit.jupiter.api.Test;

/** Tile grids derived by hand from the rule (closest aspect ratio, ties to the larger grid when the image fills it). */
class InternVlTilesTest {

    @Test
    void squareImageIsOneTileWithoutThumbnail() {
        // 1:1 matches 1x1 exactly; 2x2 ties but 448² is not more than half of 4 tiles' pixels
        assertArrayEquals(new int[] {1, 1}, InternVlTiles.grid(448, 448, 1, 12, 448));
        assertEquals(new Grid(1, 16, 16), InternVlTiles.image(448, 448));
    }

    @Test
    void anEqualRatioGoesToTheLargerGridOnlyWhenTheImageFillsHalfOfIt() {
        // 2:1 at 896x448: 4x2 ties with 2x1, but 401,408 px is not more than half of 8 tiles (802,816)
        assertArrayEquals(new int[] {2, 1}, InternVlTiles.grid(896, 448, 1, 12, 448));
        assertEquals(3, InternVlTiles.image(896, 448).t());
        // at 1792x896 (1,605,632 px) it is
        assertArrayEquals(new int[] {4, 2}, InternVlTiles.grid(1792, 896, 1, 12, 448));
        assertEquals(9, InternVlTiles.image(1792, 896).t());
    }

    @Test
    void closestRatioWins() {
        // 1000x800 = 1.25: 4x3 (1.333, diff 0.083) beats 1x1, 2x2, 3x2 (diff 0.25)
        assertArrayEquals(new int[] {4, 3}, InternVlTiles.grid(1000, 800, 1, 12, 448));
        assertEquals(13, InternVlTiles.image(1000, 800).t());
        // extreme panoramas take the widest grid the limit allows
        assertArrayEquals(new int[] {12, 1}, InternVlTiles.grid(5000, 1, 1, 12, 448));
        assertArrayEquals(new int[] {1, 6}, InternVlTiles.grid(1, 5000, 1, 6, 448));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> InternVlTiles.grid(0, 10, 1, 12, 448));
        assertThrows(IllegalArgumentException.class, () -> InternVlTiles.grid(10, 10, 3, 2, 448));
    }
}
