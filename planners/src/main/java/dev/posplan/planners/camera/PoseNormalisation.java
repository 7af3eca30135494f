package dev.posplan.planners.camera;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.camera.LinAlg;
import dev.posplan.multimodal.camera.Pose;
import java.util.ArrayList;
import java.util.List;

/**
 * Trajectory normalisations the references apply before encoding cameras. All results are
 * camera-to-world poses in OpenCV axes.
 */
public final class PoseNormalisation {

    private PoseNormalisation() {
    }

    /**
     * Poses relative to the first camera: {@code c2w'_0 = I}, {@code c2w'_i = w2c_0 · c2w_i} (CameraCtrl
     * {@code get_relative_pose} with {@code cam_to_origin = 0}; the inverse of GTA's relative extrinsics
     * {@code E_i · E_0⁻¹}).
     */
    public static List<Pose> relativeToFirst(List<Pose> poses) {
        if (poses.isEmpty()) {
            throw InvalidInputException.of("poses: at least one pose is required");
        }
        double[] w2c0 = poses.get(0).worldToCamera();
        List<Pose> out = new ArrayList<>(poses.size());
        out.add(Pose.cameraToWorld(LinAlg.identity4(), Pose.Axes.OPENCV));
        for (int i = 1; i < poses.size(); i++) {
            out.add(Pose.cameraToWorld(LinAlg.mul4(w2c0, poses.get(i).cameraToWorld()), Pose.Axes.OPENCV));
        }
        return out;
    }

    /**
     * LVSM {@code preprocess_poses}: move the world to the mean camera (centre = mean of the camera centres;
     * forward = normalised mean z axis; right = normalize(mean y × forward); down = normalize(forward ×
     * right)), then divide every translation by {@code sceneScaleFactor · max |t|} (LVSM default 1.35).
     */
    public static List<Pose> lvsmMeanCamera(List<Pose> poses, double sceneScaleFactor) {
        if (poses.isEmpty()) {
            throw InvalidInputException.of("poses: at least one pose is required");
        }
        if (!(sceneScaleFactor > 0) || Double.isInfinite(sceneScaleFactor)) {
            throw InvalidInputException.of("scene_scale_factor must be positive and finite, got " + sceneScaleFactor);
        }
        int n = poses.size();
        double[] centre = new double[3];
        double[] forward = new double[3];
        double[] down = new double[3];
        List<double[]> c2ws = new ArrayList<>(n);
        for (Pose p : poses) {
            double[] m = p.cameraToWorld();
            c2ws.add(m);
            for (int a = 0; a < 3; a++) {
                centre[a] += m[4 * a + 3] / n;
                forward[a] += m[4 * a + 2] / n;
                down[a] += m[4 * a + 1] / n;
            }
        }
        forward = LinAlg.normalize(forward, 1e-12);
        double[] right = LinAlg.normalize(LinAlg.cross(down, forward), 1e-12);
        down = LinAlg.normalize(LinAlg.cross(forward, right), 1e-12);
        double[] avg = LinAlg.rigid(new double[] {right[0], down[0], forward[0], right[1], down[1], forward[1],
            right[2], down[2], forward[2]}, centre);
        double[] avgInv = LinAlg.rigidInverse(avg);
        List<double[]> aligned = new ArrayList<>(n);
        double scale = 0;
        for (double[] m : c2ws) {
            double[] a = LinAlg.mul4(avgInv, m);
            aligned.add(a);
            scale = Math.max(scale, Math.max(Math.abs(a[3]), Math.max(Math.abs(a[7]), Math.abs(a[11]))));
        }
        scale *= sceneScaleFactor;
        List<Pose> out = new ArrayList<>(n);
        for (double[] a : aligned) {
            if (scale > 0) {
                a[3] /= scale;
                a[7] /= scale;
                a[11] /= scale;
            }
            out.add(Pose.cameraToWorld(a, Pose.Axes.OPENCV));
        }
        return out;
    }
}
