package dev.posplan.multimodal.camera;

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

    /** Parses one whitespace-separated line of 19 numbers. */
    public static Re10kFrame parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length != 19) {
            throw new IllegalArgumentException("RealEstate10K line must have 19 fields, got " + f.length);
        }
        double[] v = new double[19];
        for (int i = 1; i < 19; i++) {
            try {
                v[i] = Double.parseDouble(f[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("RealEstate10K line: field " + i + " is not a number: " + f[i]);
            }
        }
        double[] w2c = new double[12];
        System.arraycopy(v, 7, w2c, 0, 12);
        return new Re10kFrame(Long.parseLong(f[0]), Intrinsics.normalized(v[1], v[2], v[3], v[4]),
                Pose.of3x4(w2c, Pose.Direction.WORLD_TO_CAMERA, Pose.Axes.OPENCV));
    }
}
