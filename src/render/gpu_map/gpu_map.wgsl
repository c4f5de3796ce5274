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
    // Across a stroke, in points from its middle; 0 for fills.
    @location(1) across: f32,
};

fn from_center(hi: vec2<f32>, lo: vec2<f32>) -> vec2<f32> {
    return (hi - draw.center_hi) + (lo - draw.center_lo);
}

@vertex
fn vs_fill(@location(0) hi: vec2<f32>, @location(1) lo: vec2<f32>) -> Out {
    var out: Out;
    out.position = vec4<f32>(from_center(hi, lo) * draw.scale + draw.translate, 0.0, 1.0);
    out.color = draw.color;
    out.across = 0.0;
    return out;
}

// Each point of a line comes twice, `side` -1 on its left and +1 on its right, a feather
// beyond the stroke's core; the fragments fade out over the feather as egui's anti-aliased
// lines do.
@vertex
fn vs_stroke(
    @location(0) hi: vec2<f32>,
    @location(1) lo: vec2<f32>,
    @location(2) normal: vec2<f32>,
    @location(3) side: f32,
) -> Out {
    let reach = draw.stroke.x + draw.stroke.y;
    let center = from_center(hi, lo) * draw.scale + draw.translate;
    var out: Out;
    out.position = vec4<f32>(center + normal * side * reach * draw.point_to_ndc, 0.0, 1.0);
    out.color = draw.color;
    out.across = side * reach;
    return out;
}

fn linear_from_gamma(gamma: vec3<f32>) -> vec3<f32> {
    let cutoff = gamma < vec3<f32>(0.04045);
    let lower = gamma / vec3<f32>(12.92);
    let higher = pow((gamma + vec3<f32>(0.055)) / vec3<f32>(1.055), vec3<f32>(2.4));
    return select(higher, lower, cutoff);
}

// For a framebuffer that takes linear colours: unpremultiply, convert, premultiply again.
fn for_linear_framebuffer(color: vec4<f32>) -> vec4<f32> {
    if color.a <= 0.0 {
        return vec4<f32>(0.0);
    }
    return vec4<f32>(linear_from_gamma(color.rgb / color.a) * color.a, color.a);
}

// Full inside the core, fading to nothing across the feather.
fn stroke_cover(across: f32) -> f32 {
    return clamp((draw.stroke.x + draw.stroke.y - abs(across)) / draw.stroke.y, 0.0, 1.0);
}

@fragment
fn fs_fill_gamma(in: Out) -> @location(0) vec4<f32> {
    return in.color;
}

@fragment
fn fs_fill_linear(in: Out) -> @location(0) vec4<f32> {
    return for_linear_framebuffer(in.color);
}

@fragment
fn fs_stroke_gamma(in: Out) -> @location(0) vec4<f32> {
    return in.color * stroke_cover(in.across);
}

@fragment
fn fs_stroke_linear(in: Out) -> @location(0) vec4<f32> {
    return for_linear_framebuffer(in.color * stroke_cover(in.across));
}
