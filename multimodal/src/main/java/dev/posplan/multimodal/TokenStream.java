package dev.posplan.multimodal;

import dev.posplan.multimodal.table.TableGrid;
import java.util.ArrayList;
import java.util.List;

/**
 * One sequence of a prompt as runs of text, visual blocks, tables and padding. The stream is the exact
 * token sequence the model sees (wrapper tokens such as {@code <|vision_start|>} included, as text runs;
 * a table as the {@link TableBlock} of its serialised grid, the text before and after it as text runs),
 * but stored as runs, so a one-hour video costs a few hundred segments, not a million objects.
 */
public final class TokenStream {

    /** Upper bound on a stream's length, so that positions and offsets stay far from int overflow. */
    public static final int MAX_TOKENS = 1 << 28;

    private final List<Segment> segments;
    private final int length;
    private final int unpaddedLength;
    private final int visualBlocks;
    private final int tableBlocks;

    private TokenStream(List<Segment> segments) {
        this.segments = List.copyOf(segments);
        long total = 0;
        long unpadded = 0;
        int blocks = 0;
        int tables = 0;
        for (Segment s : this.segments) {
            total += s.tokens();
            if (!(s instanceof PaddingRun)) {
                unpadded += s.tokens();
            }
            if (s instanceof VisualBlock || s instanceof AudioVideoBlock) {
                blocks++;
            }
            if (s instanceof TableBlock) {
                tables++;
            }
        }
        if (total > MAX_TOKENS) {
            throw InvalidInputException.of("stream has " + total + " tokens, more than " + MAX_TOKENS);
        }
        this.length = (int) total;
        this.unpaddedLength = (int) unpadded;
        this.visualBlocks = blocks;
        this.tableBlocks = tables;
    }

    public static TokenStream of(List<Segment> segments) {
        return new TokenStream(segments);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Total tokens, padding included (the padded row length). */
    public int length() {
        return length;
    }

    /** Tokens that carry attention (padding excluded). */
    public int unpaddedLength() {
        return unpaddedLength;
    }

    /** Visual blocks, a video with its audio counting as one. */
    public int visualBlockCount() {
        return visualBlocks;
    }

    public boolean hasVisual() {
        return visualBlocks > 0;
    }

    public int tableBlockCount() {
        return tableBlocks;
    }

    public boolean hasTable() {
        return tableBlocks > 0;
    }

    /**
     * Runs in order: {@code text×5}, {@code image 1x2x2} (t x h x w), {@code table 4x7×30} (grid rows x items
     * per grid row, × tokens), {@code pad×3}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TokenStream[");
        for (Segment s : segments) {
            if (sb.length() > 12) {
                sb.append(", ");
            }
            if (s instanceof TextRun t) {
                sb.append(t.role().name().toLowerCase()).append('×').append(t.tokens());
            } else if (s instanceof VisualBlock v) {
                Grid g = v.grid();
                sb.append(v.modality().name().toLowerCase()).append(' ').append(g.t()).append('x').append(g.h())
                        .append('x').append(g.w());
            } else if (s instanceof AudioVideoBlock av) {
                Grid g = av.video().grid();
                sb.append("video ").append(g.t()).append('x').append(g.h()).append('x').append(g.w())
                        .append(" + audio×").append(av.audioTokens());
            } else if (s instanceof TableBlock t) {
                sb.append("table ").append(t.grid().gridRows()).append('x').append(t.grid().gridColumns())
                        .append('×').append(t.tokens());
            } else if (s instanceof PaddingRun p) {
                sb.append("pad×").append(p.tokens());
            } else {
                throw new IllegalStateException("unhandled segment " + s);
            }
        }
        return sb.append(']').toString();
    }

    /** Appends segments in order; empty runs are dropped. */
    public static final class Builder {
        private final List<Segment> segments = new ArrayList<>();

        public Builder add(Segment segment) {
            if (segment.tokens() > 0) {
                segments.add(segment);
            }
            return this;
        }

        public Builder text(int tokens) {
            return add(TextRun.text(tokens));
        }

        public Builder text(int tokens, TextRole role) {
            return add(new TextRun(tokens, role));
        }

        /** {@code tokens} padding tokens; 0 adds nothing, a negative count is an error. */
        public Builder padding(int tokens) {
            if (tokens < 0) {
                throw InvalidInputException.of("padding must be >= 0 tokens, got " + tokens);
            }
            return tokens > 0 ? add(new PaddingRun(tokens)) : this;
        }

        public Builder image(int t, int h, int w) {
            return add(VisualBlock.image(new Grid(t, h, w)));
        }

        public Builder video(int t, int h, int w) {
            return add(VisualBlock.video(new Grid(t, h, w)));
        }

        /** One table, as its serialised grid. */
        public Builder table(TableGrid table) {
            return add(new TableBlock(table));
        }

        public TokenStream build() {
            return new TokenStream(segments);
        }
    }
}
