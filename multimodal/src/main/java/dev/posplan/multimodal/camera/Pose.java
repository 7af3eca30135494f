package dev.posplan.multimodal.camera;

import dev.posplan.multimodal.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A rigid camera pose as a 4x4 row-major matrix with its direction and axis convention stated, never
 * guessed. Every encoding asks for the convention it needs ({@link #cameraToWorld()} /
 * {@link #worldToCamera()} always answer in OpenCV axes).
 *
 * <p>Conventions: {@link Direction#CAMERA_TO_WORLD} maps camera coordinates to world coordinates (the
 * "pose", CameraCtrl/LVSM {@code c2w}, UCPE {@code pose}); {@link Direction#WORLD_TO_CAMERA} is the
 * extrinsic ({@code X_cam = R X_world + t}; PRoPE {@code viewmats}, GTA {@code get_extrinsic},
 * RealEstate10K files). {@link Axes#OPENCV}: camera x right, y down, z forward; {@link Axes#OPENGL}
 * (Blender, NeRF synthetic): x right, y up, z backward.
 *
 * @param matrix    16 values, row-major; last row must be {@code 0 0 0 1}, rotation orthonormal
 * @param direction what the matrix maps
 * @param axes      camera axis convention
 */
public record Pose(double[] matrix, Direction direction, Axes axes) {

    /** What the matrix maps. */
    public enum Direction {
        CAMERA_TO_WORLD,
        WORLD_TO_CAMERA
    }

    /** Camera axis convention. */
    public enum Axes {
        /** x right, y down, z forward. */
        OPENCV,
        /** x right, y up, z backward. */
        OPENGL
    }

    /** {@code diag(1, −1, −1, 1)}: flips camera y and z between OpenCV and OpenGL axes (its own inverse). */
    private static final double[] FLIP_YZ = {1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1};

    /** Smallest accepted sine of the angle between {@code up} and the view direction in {@link #lookAt}. */
    private static final double PARALLEL_TOLERANCE = 1e-9;

    public Pose {
        Objects.requireNonNull(matrix, "pose.matrix");
        Objects.requireNonNull(direction, "pose.direction");
        Objects.requireNonNull(axes, "pose.axes");
        if (matrix.length != 16) {
            throw InvalidInputException.of("pose.matrix must have 16 values (4x4 row-major), got "
                    + matrix.length);
        }
        matrix = matrix.clone();
        LinAlg.requireFinite(matrix, "pose.matrix");
        if (matrix[12] != 0 || matrix[13] != 0 || matrix[14] != 0 || matrix[15] != 1) {
            throw InvalidInputException.of("pose.matrix: last row must be 0 0 0 1");
        }
        LinAlg.requireRotation(LinAlg.rotation(matrix), "pose.matrix");
    }

    public static Pose cameraToWorld(double[] matrix, Axes axes) {
        return new Pose(matrix, Direction.CAMERA_TO_WORLD, axes);
    }

    public static Pose worldToCamera(double[] matrix, Axes axes) {
        return new Pose(matrix, Direction.WORLD_TO_CAMERA, axes);
    }

    /** From the top 3 rows {@code [R | t]} (12 values row-major) of a 4x4 matrix. */
    public static Pose of3x4(double[] rows, Direction direction, Axes axes) {
        Objects.requireNonNull(rows, "pose.matrix");
        if (rows.length != 12) {
            throw InvalidInputException.of("pose.matrix: 3x4 form needs 12 values, got " + rows.length);
        }
        double[] m = new double[16];
        System.arraycopy(rows, 0, m, 0, 12);
        m[15] = 1;
        return new Pose(m, direction, axes);
    }

    /**
     * A look-at extrinsic as {@code nerf.get_extrinsic} in autonomousvision/gta builds it: {@code z} points
     * from the eye to the target, {@code x = z × up}, {@code y = z × x} (OpenCV axes, camera level with
     * respect to {@code up}).
     *
     * @param eye    camera centre (3 finite values)
     * @param target point looked at, different from {@code eye}
     * @param up     world up (3 finite values), not parallel to {@code target − eye}
     */
    public static Pose lookAt(double[] eye, double[] target, double[] up) {
        requireVector("eye", eye);
        requireVector("target", target);
        requireVector("up", up);
        double[] view = {target[0] - eye[0], target[1] - eye[1], target[2] - eye[2]};
        double distance = LinAlg.norm(view);
        if (!(distance > 0) || Double.isInfinite(distance)) {
            throw InvalidInputException.of("pose.lookAt: eye = " + Arrays.toString(eye) + " and target = "
                    + Arrays.toString(target) + (distance > 0 ? " are too far apart (|target − eye| overflows)"
                            : " coincide, so the view direction is undefined"));
        }
        double[] z = LinAlg.normalize(view);
        double[] side = LinAlg.cross(z, up);
        // |z × up| = |up| sin(angle): a (nearly) parallel up leaves the camera's roll undefined.
        if (!(LinAlg.norm(side) > PARALLEL_TOLERANCE * LinAlg.norm(up))) {
            throw InvalidInputException.of("pose.lookAt: up = " + Arrays.toString(up)
                    + " is zero or parallel to the view direction target − eye = " + Arrays.toString(view)
                    + ", so the camera roll is undefined");
        }
        double[] x = LinAlg.normalize(side);
        double[] y = LinAlg.cross(z, x);
        double[] r = {x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]};
        double[] t = LinAlg.apply3(r, eye);
        return new Pose(LinAlg.rigid(r, new double[] {-t[0], -t[1], -t[2]}), Direction.WORLD_TO_CAMERA, Axes.OPENCV);
    }

    private static void requireVector(String field, double[] v) {
        Objects.requireNonNull(v, "pose.lookAt: " + field);
        if (v.length != 3) {
            throw InvalidInputException.of("pose.lookAt: " + field + " must have 3 values, got " + v.length);
        }
        LinAlg.requireFinite(v, "pose.lookAt: " + field);
    }

    @Override
    public double[] matrix() {
        return matrix.clone();
    }

    /** This pose expressed with another direction and axis convention. */
    public Pose to(Direction d, Axes a) {
        Objects.requireNonNull(d, "pose.direction");
        Objects.requireNonNull(a, "pose.axes");
        double[] c2w = direction == Direction.CAMERA_TO_WORLD ? matrix : LinAlg.rigidInverse(matrix);
        if (axes != a) {
            c2w = LinAlg.mul4(c2w, FLIP_YZ);
        }
        return new Pose(d == Direction.CAMERA_TO_WORLD ? c2w : LinAlg.rigidInverse(c2w), d, a);
    }

    /** Camera-to-world, OpenCV axes. */
    public double[] cameraToWorld() {
        return to(Direction.CAMERA_TO_WORLD, Axes.OPENCV).matrix;
    }

    /** World-to-camera (extrinsic), OpenCV axes. */
    public double[] worldToCamera() {
        return to(Direction.WORLD_TO_CAMERA, Axes.OPENCV).matrix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pose p && Arrays.equals(matrix, p.matrix) && direction == p.direction
                && axes == p.axes;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(matrix) * 31 + Objects.hash(direction, axes);
    }

    @Override
    public String toString() {
        return "Pose[" + direction + ", " + axes + ", " + Arrays.toString(matrix) + "]";
    }
}
