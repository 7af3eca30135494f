package dev.posplan.bench;

/**
 * The {@code POST /v1/plans} requests of the load test: the benchmark layouts (see {@link Layouts}) as
 * parts with merged grids, scheme {@code mrope}, format {@code qwen2-vl}, in the answer form each one
 * exercises.
 */
enum LoadScenario {

    S1_JSON("S1 JSON", "application/json", 16,
            parts(text(200), image(1, 32, 32), text(100)), ""),
    S2_JSON("S2 JSON", "application/json", 16, s2Parts(), ""),
    S4_SAFETENSORS("S4 safetensors", "application/vnd.safetensors", 2,
            parts(text(50), video(1800, 16, 28), text(50)), ""),
    S4_BLOCKS("S4 blocks JSON", "application/json", 4,
            parts(text(50), video(1800, 16, 28), text(50)), ",\"layout\":\"blocks\"");

    final String label;
    final String accept;
    final int defaultConnections;
    final String body;

    LoadScenario(String label, String accept, int defaultConnections, String parts, String extra) {
        this.label = label;
        this.accept = accept;
        this.defaultConnections = defaultConnections;
        this.body = "{\"scheme\":\"mrope\",\"format\":\"qwen2-vl\",\"sequences\":[{\"parts\":[" + parts + "]}]"
                + extra + "}";
    }

    static LoadScenario byName(String name) {
        return switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "S1" -> S1_JSON;
            case "S2" -> S2_JSON;
            case "S4", "S4-SAFETENSORS" -> S4_SAFETENSORS;
            case "S4-BLOCKS" -> S4_BLOCKS;
            default -> throw new IllegalArgumentException("unknown scenario " + name
                    + " (S1, S2, S4-safetensors, S4-blocks)");
        };
    }

    private static String s2Parts() {
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            parts.append(i == 0 ? "" : ",").append(text(150)).append(',').append(image(1, 24, 18));
        }
        return parts.toString();
    }

    private static String parts(String... parts) {
        return String.join(",", parts);
    }

    private static String text(int tokens) {
        return "{\"type\":\"text\",\"tokens\":" + tokens + "}";
    }

    private static String image(int t, int h, int w) {
        return "{\"type\":\"image\",\"grid\":[" + t + "," + h + "," + w + "]}";
    }

    private static String video(int t, int h, int w) {
        return "{\"type\":\"video\",\"grid\":[" + t + "," + h + "," + w + "]}";
    }
}
