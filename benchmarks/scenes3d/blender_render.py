"""Runs inside Blender: builds one room from a JSON scene spec, renders its frames with Cycles and
projects the true contacts and every object's centre through the active camera.

    blender -b --factory-startup -P blender_render.py -- SPEC.json OUT_DIR [--project-only]

Everything that moves comes as keyframes in the spec (sampled several times per frame from the
closed-form motion in ``physics.py``), so Blender only draws; it simulates nothing. Writes
``OUT_DIR/frames/NNNN.png`` and ``OUT_DIR/projection.json``; ``--project-only`` writes the
projection alone (truth can be brought up to date without rendering again).
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import bpy
from bpy_extras.object_utils import world_to_camera_view
from mathutils import Euler, Vector

# ---------------------------------------------------------------------------------------- materials


def _nodes(name: str):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    nt = mat.node_tree
    bsdf = nt.nodes["Principled BSDF"]
    return mat, nt, bsdf


def _coord(nt, scale: float, stretch=(1.0, 1.0, 1.0), rot=0.0):
    tc = nt.nodes.new("ShaderNodeTexCoord")
    mp = nt.nodes.new("ShaderNodeMapping")
    mp.inputs["Scale"].default_value = (scale * stretch[0], scale * stretch[1], scale * stretch[2])
    mp.inputs["Rotation"].default_value = (0.0, 0.0, rot)
    nt.links.new(tc.outputs["Object"], mp.inputs["Vector"])
    return mp.outputs["Vector"]


def _ramp(nt, fac, c1, c2):
    cr = nt.nodes.new("ShaderNodeValToRGB")
    cr.color_ramp.elements[0].color = (*c1, 1.0)
    cr.color_ramp.elements[1].color = (*c2, 1.0)
    nt.links.new(fac, cr.inputs["Fac"])
    return cr.outputs["Color"]


def _bricks(nt, scale: float, width: float, row: float, mortar_size: float, c1, c2, mortar,
            offset: float | None = None):
    """A brick pattern (planks, tiles) in object coordinates; returns the texture node."""
    node = nt.nodes.new("ShaderNodeTexBrick")
    if offset is not None:
        node.offset = offset
    node.inputs["Scale"].default_value = 1.0
    node.inputs["Brick Width"].default_value = width
    node.inputs["Row Height"].default_value = row
    node.inputs["Mortar Size"].default_value = mortar_size
    node.inputs["Color1"].default_value = (*c1, 1)
    node.inputs["Color2"].default_value = (*c2, 1)
    node.inputs["Mortar"].default_value = (*mortar, 1)
    nt.links.new(_coord(nt, 1.0 * scale), node.inputs["Vector"])
    return node


def surface_material(kind: str, c1, c2, scale: float = 1.0):
    """Procedural look of a surface kind (wood planks, tiles, concrete, carpet, metal, plaster)."""
    mat, nt, bsdf = _nodes(kind)
    if kind == "wood":
        planks = _bricks(nt, scale, 1.2, 0.14, 0.004, c1, c2, (0.05, 0.03, 0.02))
        grain = nt.nodes.new("ShaderNodeTexWave")
        grain.inputs["Scale"].default_value = 6.0
        grain.inputs["Distortion"].default_value = 8.0
        grain.inputs["Detail"].default_value = 4.0
        nt.links.new(_coord(nt, 1.0 * scale, (0.2, 3.0, 1.0)), grain.inputs["Vector"])
        mix = nt.nodes.new("ShaderNodeMixRGB")
        mix.blend_type = "MULTIPLY"
        mix.inputs["Fac"].default_value = 0.35
        nt.links.new(planks.outputs["Color"], mix.inputs["Color1"])
        nt.links.new(grain.outputs["Color"], mix.inputs["Color2"])
        nt.links.new(mix.outputs["Color"], bsdf.inputs["Base Color"])
        bsdf.inputs["Roughness"].default_value = 0.35
    elif kind == "tile":
        tiles = _bricks(nt, scale, 0.3, 0.3, 0.008, c1, c2, (0.55, 0.55, 0.52), offset=0.0)
        nt.links.new(tiles.outputs["Color"], bsdf.inputs["Base Color"])
        bsdf.inputs["Roughness"].default_value = 0.12
    elif kind == "stone":
        noise = nt.nodes.new("ShaderNodeTexNoise")
        noise.inputs["Scale"].default_value = 9.0
        noise.inputs["Detail"].default_value = 10.0
        noise.inputs["Roughness"].default_value = 0.65
        nt.links.new(_coord(nt, scale), noise.inputs["Vector"])
        nt.links.new(_ramp(nt, noise.outputs["Fac"], c1, c2), bsdf.inputs["Base Color"])
        bsdf.inputs["Roughness"].default_value = 0.85
    elif kind == "carpet":
        noise = nt.nodes.new("ShaderNodeTexNoise")
        noise.inputs["Scale"].default_value = 220.0
        noise.inputs["Detail"].default_value = 2.0
        nt.links.new(_coord(nt, scale), noise.inputs["Vector"])
        nt.links.new(_ramp(nt, noise.outputs["Fac"], c1, c2), bsdf.inputs["Base Color"])
        bsdf.inputs["Roughness"].default_value = 1.0
        bsdf.inputs["Sheen"].default_value = 0.6
    elif kind == "metal":
        noise = nt.nodes.new("ShaderNodeTexNoise")
        noise.inputs["Scale"].default_value = 60.0
        noise.inputs["Detail"].default_value = 3.0
        nt.links.new(_coord(nt, scale, (1.0, 40.0, 1.0)), noise.inputs["Vector"])
        nt.links.new(_ramp(nt, noise.outputs["Fac"], c1, c2), bsdf.inputs["Base Color"])
        bsdf.inputs["Metallic"].default_value = 1.0
        bsdf.inputs["Roughness"].default_value = 0.28
    elif kind == "stripes":  # wallpaper
        wave = nt.nodes.new("ShaderNodeTexWave")
        wave.wave_profile = "SAW"
        wave.inputs["Scale"].default_value = 4.0
        nt.links.new(_coord(nt, scale), wave.inputs["Vector"])
        nt.links.new(_ramp(nt, wave.outputs["Fac"], c1, c2), bsdf.inputs["Base Color"])
        bsdf.inputs["Roughness"].default_value = 0.9
    else:  # plaster
        noise = nt.nodes.new("ShaderNodeTexNoise")
        noise.inputs["Scale"].default_value = 30.0
        noise.inputs["Detail"].default_value = 6.0
        nt.links.new(_coord(nt, scale), noise.inputs["Vector"])
        nt.links.new(_ramp(nt, noise.outputs["Fac"], c1, c2), bsdf.inputs["Base Color"])
        bsdf.inputs["Roughness"].default_value = 0.95
    return mat


def plain_material(name: str, color, roughness: float = 0.5, metallic: float = 0.0, emit: float = 0.0):
    mat, nt, bsdf = _nodes(name)
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    if emit:
        bsdf.inputs["Emission"].default_value = (*color, 1.0)
        bsdf.inputs["Emission Strength"].default_value = emit
    return mat


# ---------------------------------------------------------------------------------------- geometry


def add_box(name: str, center, size, mat, bevel: float = 0.0):
    bpy.ops.mesh.primitive_cube_add(location=center)
    ob = bpy.context.active_object
    ob.name = name
    ob.scale = (size[0] / 2, size[1] / 2, size[2] / 2)
    bpy.ops.object.transform_apply(scale=True)
    if bevel:
        mod = ob.modifiers.new("bevel", "BEVEL")
        mod.width = bevel
        mod.segments = 2
    ob.data.materials.append(mat)
    return ob


def add_sphere(name: str, radius: float, mat):
    bpy.ops.mesh.primitive_uv_sphere_add(radius=radius, segments=24, ring_count=12)
    ob = bpy.context.active_object
    ob.name = name
    bpy.ops.object.shade_smooth()
    ob.data.materials.append(mat)
    return ob


def build_room(room: dict) -> None:
    w, d, h = room["size"]
    floor_mat = surface_material(room["floor"], room["floor_c1"], room["floor_c2"], room.get("floor_scale", 1.0))
    wall_mat = surface_material(room["wall"], room["wall_c1"], room["wall_c2"])
    add_box("floor", (0, d / 2 - 1.0, -0.05), (w, d, 0.1), floor_mat)
    add_box("back_wall", (0, room["back_y"] + 0.05, h / 2), (w, 0.1, h), wall_mat)
    if room.get("side_x") is not None:
        sx = room["side_x"]
        add_box("side_wall", (sx + 0.05 * (1 if sx > 0 else -1), d / 2 - 1.0, h / 2), (0.1, d, h), wall_mat)
    add_box("ceiling", (0, d / 2 - 1.0, h + 0.05), (w, d, 0.1), plain_material("ceiling", (0.8, 0.8, 0.78)))
    skirting = plain_material("skirting", (0.85, 0.84, 0.8), 0.4)
    add_box("skirting", (0, room["back_y"] - 0.01, 0.05), (w, 0.02, 0.1), skirting)
    for i, f in enumerate(room.get("furniture", [])):
        mat = surface_material(f["look"], f["c1"], f["c2"]) if f.get("look") else \
            plain_material(f"furn{i}", f["c1"], f.get("rough", 0.6))
        add_box(f"furniture{i}", f["center"], f["size"], mat, bevel=f.get("bevel", 0.01))


# ---------------------------------------------------------------------------------------- animation


def _keys(ob, keys: list, *, rot: bool) -> None:
    """Linear keyframes ``[frame, x, y, z(, rx, ry, rz)]``: the spec already samples the motion
    densely, so Blender's Bezier easing would only bend it."""
    ob.animation_data_create()
    act = bpy.data.actions.new(ob.name + "Action")
    ob.animation_data.action = act
    paths = [("location", i) for i in range(3)] + ([("rotation_euler", i) for i in range(3)] if rot else [])
    for col, (path, idx) in enumerate(paths):
        fc = act.fcurves.new(path, index=idx)
        fc.keyframe_points.add(len(keys))
        flat = []
        for k in keys:
            flat += [k[0], k[1 + col]]
        fc.keyframe_points.foreach_set("co", flat)
        for kp in fc.keyframe_points:
            kp.interpolation = "LINEAR"
        fc.update()


def build_objects(objs: list) -> dict:
    made = {}
    for o in objs:
        mat = plain_material(o["name"] + "_mat", o["color"], o.get("rough", 0.45), o.get("metal", 0.0),
                             o.get("emit", 0.0))
        if o["shape"] == "sphere":
            ob = add_sphere(o["name"], o["radius"], mat)
        else:
            ob = add_box(o["name"], (0, 0, 0), o["size"], mat, bevel=o.get("bevel", 0.01))
        _keys(ob, o["keys"], rot=len(o["keys"][0]) > 4)
        if o.get("cord"):  # a string up to the pivot, drawn as a thin box hanging from the bob
            L = o["cord"]
            cord = add_box(o["name"] + "_cord", (0, 0, L / 2), (0.008, 0.008, L), plain_material("cord", (0.05, 0.05, 0.05)))
            cord.parent = ob
        if o.get("light"):
            bpy.ops.object.light_add(type="POINT", location=(0, 0, -0.02))
            lamp = bpy.context.active_object
            lamp.data.energy = o["light"]
            lamp.data.shadow_soft_size = 0.03
            lamp.parent = ob
            ob.visible_shadow = False
        made[o["name"]] = ob
    return made


def build_cameras(cams: list, scene) -> list:
    out = []
    for i, c in enumerate(cams):
        data = bpy.data.cameras.new(f"cam{i}")
        data.lens = c.get("lens", 26.0)
        ob = bpy.data.objects.new(f"cam{i}", data)
        scene.collection.objects.link(ob)
        ob.rotation_mode = "XYZ"
        keys = []
        for k in c["keys"]:
            f, px, py, pz, tx, ty, tz, yaw, pitch, roll = k
            direction = Vector((tx - px, ty - py, tz - pz))
            e = direction.to_track_quat("-Z", "Y").to_euler("XYZ")
            e = Euler((e.x + pitch, e.y + roll, e.z + yaw), "XYZ")
            keys.append([f, px, py, pz, e.x, e.y, e.z])
        # unwrap angles so linear interpolation never spins the long way round
        for j in (4, 5, 6):
            for a, b in zip(keys, keys[1:]):
                while b[j] - a[j] > math.pi:
                    b[j] -= 2 * math.pi
                while b[j] - a[j] < -math.pi:
                    b[j] += 2 * math.pi
        _keys(ob, keys, rot=True)
        out.append(ob)
    return out


# ------------------------------------------------------------------------------------ visibility

def _maker(objects: dict, point: Vector, silent: list):
    """The object that made a contact at ``point``: of those that touch anything (not in
    ``silent``, the spec's list), the one whose centre is nearest."""
    movers = [ob for name, ob in objects.items() if name not in silent]
    return min(movers, key=lambda ob: (ob.matrix_world.translation - point).length)


def visible_share(scene, cam, ob) -> float:
    """Share of a 3x3 grid over the object (its middle half, in the camera's picture plane)
    that the camera sees directly: 0 when furniture hides the object whole at this moment.

    A ray from the camera to each grid point must reach the object before anything else does.
    The grid spans 0.7 of the object's smallest half-extent around its centre, so every point
    lies inside it and an unobstructed ray always ends on its near side."""
    depsgraph = bpy.context.evaluated_depsgraph_get()
    eye = cam.matrix_world.translation
    centre = ob.matrix_world.translation
    right = cam.matrix_world.to_3x3() @ Vector((1.0, 0.0, 0.0))
    up = cam.matrix_world.to_3x3() @ Vector((0.0, 1.0, 0.0))
    reach = 0.35 * min(ob.dimensions)
    seen = 0
    for i in (-1, 0, 1):
        for j in (-1, 0, 1):
            target = centre + reach * (i * right + j * up)
            ray = target - eye
            hit, _, _, _, what, _ = scene.ray_cast(depsgraph, eye, ray.normalized(), distance=ray.length + 1.0)
            # the first thing on the way is the object itself (or one of its parts)
            if hit and what is not None and (what == ob or what.parent == ob):
                seen += 1
    return seen / 9.0


# ---------------------------------------------------------------------------------------- main


def main() -> None:
    argv = sys.argv[sys.argv.index("--") + 1:]
    spec = json.loads(Path(argv[0]).read_text())
    out = Path(argv[1])
    (out / "frames").mkdir(parents=True, exist_ok=True)
    project_only = "--project-only" in argv
    argv = [a for a in argv if a != "--project-only"]
    only = int(argv[2]) if len(argv) == 3 else None

    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    fps = spec["fps"]
    n = int(round(spec["seconds"] * fps))
    scene.render.fps = fps
    scene.frame_start, scene.frame_end = 1, n
    scene.render.resolution_x, scene.render.resolution_y = spec["width"], spec["height"]
    scene.render.resolution_percentage = 100
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = spec.get("samples", 3)
    scene.cycles.use_adaptive_sampling = False
    # clamping trades a little brightness accuracy for far fewer fireflies at low sample counts
    scene.cycles.sample_clamp_direct = 3.0
    scene.cycles.sample_clamp_indirect = 0.5
    scene.cycles.blur_glossy = 1.0
    scene.cycles.max_bounces = 3
    scene.cycles.diffuse_bounces = 2
    scene.cycles.glossy_bounces = 1
    scene.cycles.transmission_bounces = 1
    scene.cycles.seed = spec.get("seed", 0)
    scene.cycles.use_animated_seed = True  # noise that changes every frame, like a sensor's
    scene.cycles.use_denoising = False  # Debian's Blender has no OpenImageDenoise
    scene.render.use_motion_blur = True
    scene.render.motion_blur_shutter = spec.get("shutter", 0.5)
    scene.render.image_settings.file_format = "PNG"
    scene.render.image_settings.color_mode = "RGB"
    scene.render.film_transparent = False
    scene.view_settings.view_transform = "Filmic"
    scene.view_settings.exposure = spec.get("exposure", 0.0)

    world = bpy.data.worlds.new("world")
    world.use_nodes = True
    world.node_tree.nodes["Background"].inputs["Color"].default_value = (*spec.get("ambient", (0.05, 0.05, 0.06)), 1)
    scene.world = world

    build_room(spec["room"])
    for i, L in enumerate(spec["lights"]):
        bpy.ops.object.light_add(type=L["type"], location=L["pos"])
        lt = bpy.context.active_object
        lt.data.energy = L["energy"]
        if L["type"] == "AREA":
            lt.data.size = L.get("size", 1.0)
        if "rot" in L:
            lt.rotation_euler = L["rot"]
    objects = build_objects(spec["objects"])
    cams = build_cameras(spec["cameras"], scene)
    scene.camera = cams[0]
    cut_frame = None
    if spec.get("cut") is not None and len(cams) > 1:
        cut_frame = int(round(spec["cut"] * fps)) + 1
        m0 = scene.timeline_markers.new("A", frame=1)
        m0.camera = cams[0]
        m1 = scene.timeline_markers.new("B", frame=cut_frame)
        m1.camera = cams[1]

    def cam_at(t: float):
        return cams[1] if cut_frame is not None and t * fps + 1 >= cut_frame else cams[0]

    def set_time(t: float):
        f = t * fps + 1
        scene.frame_set(int(math.floor(f)), subframe=f - math.floor(f))

    # truth: every contact projected through the camera active at its time
    proj = {"contacts": [], "tracks": {}}
    for c in spec["truth"]:
        set_time(c["t"])
        cam = cam_at(c["t"])
        v = world_to_camera_view(scene, cam, Vector(c["point"]))
        seen = visible_share(scene, cam, _maker(objects, Vector(c["point"]), spec.get("silent", [])))
        proj["contacts"].append({**c, "sx": v.x, "sy": 1.0 - v.y, "depth": v.z, "camera": cam.name,
                                 "seen": round(seen, 3)})
    for name, ob in objects.items():
        track = []
        for k in range(n):
            set_time(k / fps)
            v = world_to_camera_view(scene, cam_at(k / fps), ob.matrix_world.translation)
            track.append([round(v.x, 4), round(1.0 - v.y, 4), round(v.z, 3)])
        proj["tracks"][name] = track
    (out / "projection.json").write_text(json.dumps(proj))
    if project_only:
        return

    # one animation render: Cycles keeps the scene and kernels between frames (persistent data)
    scene.render.use_persistent_data = True
    if only is not None:
        scene.frame_start = scene.frame_end = only
    elif len(argv) > 3:
        scene.frame_start, scene.frame_end = int(argv[2]), int(argv[3])
    scene.render.filepath = str(out / "frames" / "####")
    bpy.ops.render.render(animation=True)


main()
