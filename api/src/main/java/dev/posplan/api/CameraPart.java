package dev.posplan.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The camera of a posed image on the wire: image size, how it is cut into tokens, intrinsics, pose and lens.
 *
 * @param imageWidth   image width in pixels
 * @param imageHeight  image height in pixels
 * @param patchSize    ViT patch side in pixels
 * @param spatialMerge patches merged per token side (Qwen-VL 2); default 1
 * @param intrinsics   {@code [fx, fy, cx, cy]} in pixels, or null (GTA and PRoPE without K ignore them)
 * @param pose         4x4 row-major matrix, 16 values
 * @param direction    {@code camera-to-world} (default) or {@code world-to-camera}
 * @param axes         {@code opencv} (default) or {@code opengl}
 * @param xi           unified-camera lens parameter; null for a pinhole
 */
public record CameraPart(
        @JsonProperty(value = "image_width", required = true)
        @JsonPropertyDescription("Image width in pixels.") Integer imageWidth,
        @JsonProperty(value = "image_height", required = true)
        @JsonPropertyDescription("Image height in pixels.") Integer imageHeight,
        @JsonProperty(value = "patch_size", required = true)
        @JsonPropertyDescription("ViT patch side in pixels.") Integer patchSize,
        @JsonProperty("spatial_merge")
        @JsonPropertyDescription("Patches merged per token side (Qwen-VL: 2). Default 1.") Integer spatialMerge,
        @JsonPropertyDescription("Pixel intrinsics [fx, fy, cx, cy]. Optional.") List<Double> intrinsics,
        @JsonProperty(required = true)
        @JsonPropertyDescription("Pose as a 4x4 row-major matrix (16 values).") List<Double> pose,
        @JsonPropertyDescription("camera-to-world (default) or world-to-camera.") String direction,
        @JsonPropertyDescription("Camera axes: opencv (default: x right, y down, z forward) or opengl.") String axes,
        @JsonPropertyDescription("Unified camera model xi (fisheye); absent for a pinhole.") Double xi) {

    public CameraPart {
        spatialMerge = spatialMerge == null ? 1 : spatialMerge;
        intrinsics = intrinsics == null ? null : Collections.unmodifiableList(new ArrayList<>(intrinsics));
        pose = pose == null ? null : Collections.unmodifiableList(new ArrayList<>(pose));
        direction = direction == null ? "camera-to-world" : direction;
        axes = axes == null ? "opencv" : axes;
    }
}
