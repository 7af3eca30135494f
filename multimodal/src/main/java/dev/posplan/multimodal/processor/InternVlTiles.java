package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.Grid;

/**
 * InternVL2's dynamic tiling ({@code dynamic_preprocess} of the InternVL model cards and V2PE): an image is cut
 * into {@code columns x rows} tiles of 448 pixels, the grid whose aspect ratio {@code columns/rows} is closest to
 * the image's among all grids of {@code minTiles..maxTiles} tiles, plus a thumbnail tile when there is more than
 * one. Each tile is {@value #TOKENS_PER_SIDE}² = 256 {@code <IMG_CONTEXT>} tokens (patch 14, pixel shuffle 0.5).
 *
 * <p>Candidates are tried by tile count, fewest first; a later candidate replaces the best on a strictly smaller
 * difference, or on an equal one when the image area exceeds half the candidate's pixel area. The reference walks
 * a Python set sorted by tile count, so the order among grids of the same tile count is the set's; it cannot
 * decide the result, because two such grids are never both closest (1:1, or a grid with fewer tiles, lies
 * between them).
 */
public final class InternVlTiles {

    /** {@code image_size} / {@code force_image_size}: the side of one tile in pixels. */
    public static final int TILE_SIZE = 448;

    /** {@code min_dynamic_patch}. */
    public static final int MIN_TILES = 1;

    /** {@code max_dynamic_patch}. */
    public static final int MAX_TILES = 12;

    /** Tokens per tile side: 448 / 14 · 0.5. */
    public static final int TOKENS_PER_SIDE = 16;

    private InternVlTiles() {
    }

    /** The InternVL2 image grid with the checkpoint defaults: {@code (tiles, 16, 16)}, thumbnail included. */
    public static Grid image(int width, int height) {
        return new Grid(tiles(width, height, MIN_TILES, MAX_TILES, TILE_SIZE, true), TOKENS_PER_SIDE, TOKENS_PER_SIDE);
    }

    /** Tiles of the image, with the thumbnail when {@code thumbnail} and the grid has more than one tile. */
    public static int tiles(int width, int height, int minTiles, int maxTiles, int tileSize, boolean thumbnail) {
        int[] g = grid(width, height, minTiles, maxTiles, tileSize);
        int n = g[0] * g[1];
        return thumbnail && n != 1 ? n + 1 : n;
    }

    /** {@code {columns, rows}} of the chosen tile grid. */
    public static int[] grid(int width, int height, int minTiles, int maxTiles, int tileSize) {
        Args.positive("width", width);
        Args.positive("height", height);
        Args.positive("minTiles", minTiles);
        Args.positive("tileSize", tileSize);
        if (maxTiles < minTiles || maxTiles > 1024) {
            throw new IllegalArgumentException("maxTiles must be in " + minTiles + "..1024, got " + maxTiles);
        }
        double aspect = (double) width / height;
        double area = (double) width * height;
        double bestDiff = Double.POSITIVE_INFINITY;
        int bestCols = 1;
        int bestRows = 1;
        for (int n = minTiles; n <= maxTiles; n++) {
            for (int cols = 1; cols <= n; cols++) {
                if (n % cols != 0) {
                    continue;
                }
                int rows = n / cols;
                double diff = Math.abs(aspect - (double) cols / rows);
                if (diff < bestDiff) {
                    bestDiff = diff;
                    bestCols = cols;
                    bestRows = rows;
                } else if (diff == bestDiff && area > 0.5 * tileSize * tileSize * cols * rows) {
                    bestCols = cols;
                    bestRows = rows;
                }
            }
        }
        return new int[] {bestCols, bestRows};
    }
}
