package dev.posplan.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile as its instructions, grouped by build stage: comments dropped, continuation lines joined, the
 * keyword upper-cased and separated from its arguments, as the Docker builder reads them.
 */
record DockerfileInstructions(List<List<Instruction>> stages) {

    /** One instruction: {@code keyword} (e.g. {@code HEALTHCHECK}) and the rest of its line. */
    record Instruction(String keyword, String arguments) {
    }

    static DockerfileInstructions parse(Path dockerfile) throws IOException {
        List<List<Instruction>> stages = new ArrayList<>();
        List<Instruction> global = new ArrayList<>();
        List<Instruction> current = global;
        StringBuilder logical = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            String[] parts = logical.toString().strip().split("\\s+", 2);
            logical.setLength(0);
            Instruction i = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (i.keyword().equals("FROM")) {
                current = new ArrayList<>();
                stages.add(current);
            }
            current.add(i);
        }
        if (stages.isEmpty()) {
            throw new AssertionError(dockerfile + " has no FROM");
        }
        // ARGs before the first FROM (base image names) belong to every stage's FROM line; keep them first.
        stages.get(0).addAll(0, global);
        return new DockerfileInstructions(stages);
    }

    /** The last stage: what the image runs. */
    List<Instruction> runtime() {
        return stages.get(stages.size() - 1);
    }

    /** The arguments of every instruction with {@code keyword} in {@code stage}. */
    static List<String> all(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The arguments of the last {@code keyword} instruction of {@code stage} (the one in force). */
    static String last(List<Instruction> stage, String keyword) {
        List<String> found = all(stage, keyword);
        if (found.isEmpty()) {
            throw new AssertionError("no " + keyword + " in the stage");
        }
        return found.get(found.size() - 1);
    }
}
