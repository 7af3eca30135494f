package dev.posplan.multimodal.camera;

import java.util.Objects;

/**
 * One line of a RealEstate10K camera file:
 * {@code timestamp fx fy cx cy 0 0 w2c(3x4 row-major)}, intrinsics normalised by the image size,
 * extrinsic world-to-camera in OpenCV axes (the format CameraCtrl's {@code Camera} reads).
 *
 * @param timestamp  microseconds as written in the file
 * @param intrinsics normalised intrinsics
 * @param pose       world-to-camera, OpenCV
 */
public record Re10kFrame(long timestamp, Intrinsics intrinsics, Pose pose) {

    private static final int FIELDS = 19;

    /** First field of the 3x4 extrinsic. */
    private static final int W2C = 7;

    public Re10kFrame {
        Objects.requireNonNull(intrinsics, "intrinsics");
        Objects.requireNonNull(pose, "pose");
    }

    /**
     * Parses one whitespace-separated line of 19 numbers. Every error names the field and quotes the line.
     */
    public static Re10kFrame parse(String line) {
        Objects.requireNonNull(line, "RealEstate10K line");
        String[] f = line.trim().split("\\s+");
        if (f.length != FIELDS) {
            throw invalid(line, "must have " + FIELDS + " fields (timestamp fx fy cx cy 0 0 w2c[3x4]), got "
                    + f.length, null);
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(f[0]);
        } catch (NumberFormatException e) {
            throw invalid(line, "field 0 (" + fieldName(0) + ") is not an integer: " + f[0], e);
        }
        double[] v = new double[FIELDS];
        for (int i = 1; i < FIELDS; i++) {
            try {
                v[i] = Double.parseDouble(f[i]);
            } catch (NumberFormatException e) {
                throw invalid(line, "field " + i + " (" + fieldName(i) + ") is not a number: " + f[i], e);
            }
        }
        double[] w2c = new double[12];
        System.arraycopy(v, W2C, w2c, 0, 12);
        try {
            return new Re10kFrame(timestamp, Intrinsics.normalized(v[1], v[2], v[3], v[4]),
                    Pose.of3x4(w2c, Pose.Direction.WORLD_TO_CAMERA, Pose.Axes.OPENCV));
        } catch (IllegalArgumentException e) {
            throw invalid(line, e.getMessage(), e);
        }
    }

    /** What field {@code i} of a line holds. */
    private static String fieldName(int i) {
        return switch (i) {
            case 0 -> "timestamp";
            case 1 -> "fx";
            case 2 -> "fy";
            case 3 -> "cx";
            case 4 -> "cy";
            case 5, 6 -> "unused, 0 in the files";
            default -> "w2c[" + (i - W2C) / 4 + "][" + (i - W2C) % 4 + "]";
        };
    }

    private static IllegalArgumentException invalid(String line, String what, Exception cause) {
        return new IllegalArgumentException("RealEstate10K line \"" + line.strip() + "\": " + what, cause);
    }
}
