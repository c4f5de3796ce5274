// The map's fills and widened outlines, from Mercator geometry uploaded once per level of
// detail. Points are split into a high and a low f32 so that the difference from the view's
// centre keeps its precision at zoom 18, where a pixel is a few millionths of the world.

struct Draw {
    center_hi: vec2<f32>,
    center_lo: vec2<f32>,
    // Mercator units to normalized device coordinates (y points up there, down in Mercator).
    scale: vec2<f32>,
    // Where the view's centre lies in normalized device coordinates.
    translate: vec2<f32>,
    // One point (egui's logical pixel) in normalized device coordinates.
    point_to_ndc: vec2<f32>,
    // A stroke's half core width and feather, in points.
    stroke: vec2<f32>,
    // Premultiplied, in gamma space, as egui's colours are.
    color: vec4<f32>,
};

@group(0) @binding(0) var<uniform> draw: Draw;

struct Out {
    @builtin(position) position: vec4<f32>,
    @location(0) color: vec4<f32>,
};

fn from_center(hi: vec2<f32>, lo: vec2<f32>) -> vec2<f32> {
    return (hi - draw.center_hi) + (lo - draw.center_lo);
}

@vertex
fn vs_fill(@location(0) hi: vec2<f32>, @location(1) lo: vec2<f32>) -> Out {
    var out: Out;
    out.position = vec4<f32>(from_center(hi, lo) * draw.scale + draw.translate, 0.0, 1.0);
    out.color = draw.color;
    return out;
}

// Each point of a line comes four times, `side` 0 to 3 from left to right across the line:
// the outer two fade out over the feather as egui's anti-aliased lines do.
@vertex
fn vs_stroke(
    @location(0) hi: vec2<f32>,
    @location(1) lo: vec2<f32>,
    @location(2) normal: vec2<f32>,
    @location(3) side: f32,
) -> Out {
    let half_core = draw.stroke.x;
    let feather = draw.stroke.y;
    var offset = -half_core - feather;
    var alpha = 0.0;
    if side > 2.5 {
        offset = half_core + feather;
    } else if side > 1.5 {
        offset = half_core;
        alpha = 1.0;
    } else if side > 0.5 {
        offset = -half_core;
        alpha = 1.0;
    }
    let center = from_center(hi, lo) * draw.scale + draw.translate;
    var out: Out;
    out.position = vec4<f32>(center + normal * offset * draw.point_to_ndc, 0.0, 1.0);
    out.color = draw.color * alpha;
    return out;
}

@fragment
fn fs_gamma_framebuffer(in: Out) -> @location(0) vec4<f32> {
    return in.color;
}

fn linear_from_gamma(gamma: vec3<f32>) -> vec3<f32> {
    let cutoff = gamma < vec3<f32>(0.04045);
    let lower = gamma / vec3<f32>(12.92);
    let higher = pow((gamma + vec3<f32>(0.055)) / vec3<f32>(1.055), vec3<f32>(2.4));
    return select(higher, lower, cutoff);
}

// A framebuffer that takes linear colours: unpremultiply, convert, premultiply again.
@fragment
fn fs_linear_framebuffer(in: Out) -> @location(0) vec4<f32> {
    if in.color.a <= 0.0 {
        return vec4<f32>(0.0);
    }
    let rgb = linear_from_gamma(in.color.rgb / in.color.a) * in.color.a;
    return vec4<f32>(rgb, in.color.a);
}
