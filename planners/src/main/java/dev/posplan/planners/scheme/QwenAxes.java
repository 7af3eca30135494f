package dev.posplan.planners.scheme;

import java.util.List;

/** Axis names shared by the three-axis schemes. */
final class QwenAxes {

    static final List<String> THW = List.of("t", "h", "w");
    static final List<String> ONE_D = List.of("p");

    private QwenAxes() {
    }
}
