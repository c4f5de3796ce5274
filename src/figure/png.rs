//! PNG figures: the figure's SVG rasterised by resvg with the font egui ships, loaded from
//! the binary, so a PNG looks the same on every machine and needs no installed font.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::{FigureError, MAX_PNG_PIXELS};

/// The fonts figures are drawn with: Ubuntu Light, the app's own text font, standing in for
/// every family the SVG names.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut fonts = fontdb::Database::new();
            fonts.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
            let family = fonts
                .faces()
                .next()
                .and_then(|face| face.families.first())
                .map(|(name, _)| name.clone());
            if let Some(family) = family {
                fonts.set_sans_serif_family(family);
            }
            Arc::new(fonts)
        })
        .clone()
}

/// Parses an SVG for drawing, with the figure's fonts.
pub fn parse(svg: &str) -> Result<usvg::Tree, FigureError> {
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: "sans-serif".into(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|error| FigureError::Rasterise(error.to_string()))
}

/// A PNG of at most this many pixels is drawn whole: about 350 MB at its peak.
const WHOLE_PIXELS: u64 = 25_000_000;
/// A larger PNG is drawn this many pixels at a time, each band streamed into the encoder.
/// Drawn whole, the 5000x5000 figure at scale 2 held 400 MB of pixels and as much again in
/// resvg's layer for the map's clipped group: 1.28 GB at its peak; in bands, 250 MB. resvg
/// lets a layer reach past its canvas (up to twice its height each way), so a band costs
/// more than its share, and a banded PNG takes about twice as long as one drawn whole.
const BAND_PIXELS: u64 = 4_000_000;

/// How many rows of a `width` x `height` PNG are drawn at a time.
fn band_rows(width: u32, height: u32) -> u32 {
    if u64::from(width) * u64::from(height) <= WHOLE_PIXELS {
        return height;
    }
    (BAND_PIXELS / u64::from(width)).clamp(1, u64::from(height)) as u32
}

/// The size in pixels of `tree` drawn at `scale`, refused past [`MAX_PNG_PIXELS`].
fn scaled_size(tree: &usvg::Tree, scale: u32) -> Result<(u32, u32), FigureError> {
    let size = tree.size();
    let (width, height) = (size.width().ceil() as u32, size.height().ceil() as u32);
    let pixels = u64::from(width) * u64::from(height) * u64::from(scale) * u64::from(scale);
    if pixels > MAX_PNG_PIXELS || width == 0 || height == 0 {
        return Err(FigureError::TooLarge {
            width,
            height,
            scale,
        });
    }
    Ok((width * scale, height * scale))
}

/// Draws an SVG at `scale` times its size, whole.
pub fn rasterise(svg: &str, scale: u32) -> Result<Pixmap, FigureError> {
    let tree = parse(svg)?;
    let (width, height) = scaled_size(&tree, scale)?;
    let mut pixmap = Pixmap::new(width, height).ok_or(FigureError::TooLarge {
        width,
        height,
        scale,
    })?;
    let scale = scale as f32;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// An SVG as PNG bytes at `scale` times its size, a large one drawn a band of rows at a time.
pub fn png_bytes(svg: &str, scale: u32) -> Result<Vec<u8>, FigureError> {
    png_bytes_in_bands(svg, scale, band_rows)
}

fn png_bytes_in_bands(
    svg: &str,
    scale: u32,
    band_rows: impl Fn(u32, u32) -> u32,
) -> Result<Vec<u8>, FigureError> {
    let tree = parse(svg)?;
    let (width, height) = scaled_size(&tree, scale)?;
    let band_rows = band_rows(width, height);
    let mut band = Pixmap::new(width, band_rows).ok_or(FigureError::TooLarge {
        width,
        height,
        scale,
    })?;
    let encoding = |error: png::EncodingError| FigureError::Rasterise(error.to_string());
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(encoding)?;
    let mut stream = writer.stream_writer_with_size(1 << 20).map_err(encoding)?;
    let scale = scale as f32;
    for top in (0..height).step_by(band_rows as usize) {
        band.fill(Color::TRANSPARENT);
        let transform = Transform::from_scale(scale, scale).post_translate(0.0, -(top as f32));
        resvg::render(&tree, transform, &mut band.as_mut());
        let rows = band_rows.min(height - top) as usize;
        let demultiplied = band.clone().take_demultiplied();
        std::io::Write::write_all(&mut stream, &demultiplied[..rows * width as usize * 4])
            .map_err(|error| FigureError::Rasterise(error.to_string()))?;
    }
    stream.finish().map_err(encoding)?;
    writer.finish().map_err(encoding)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_drawn_in_bands_is_the_svg_drawn_whole() {
        // Three bands, a clipped group across both seams, a circle and a line on them.
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="9000">
            <defs><clipPath id="c"><rect x="10" y="100" width="980" height="8800"/></clipPath></defs>
            <rect width="1000" height="9000" fill="#fafafa"/>
            <g clip-path="url(#c)">
              <path d="M0 0 L1000 9000 L0 9000 Z" fill="#3070b0" fill-opacity="0.7"/>
              <circle cx="500" cy="4000" r="300" fill="#c04040"/>
              <line x1="0" y1="3999.5" x2="1000" y2="8000.3" stroke="#000" stroke-width="3"/>
            </g></svg>"##;
        let Ok(whole) = rasterise(svg, 1) else {
            panic!("rasterised whole")
        };
        // Bands of 4,000 rows, as a figure past WHOLE_PIXELS is drawn.
        let Ok(bytes) = png_bytes_in_bands(svg, 1, |_, _| 4_000) else {
            panic!("encoded in bands")
        };
        let Ok(banded) = Pixmap::decode_png(&bytes) else {
            panic!("a PNG")
        };
        assert_eq!(band_rows(10_000, 10_000), 400);
        assert_eq!(band_rows(5_000, 5_000), 5_000);
        assert_eq!(
            (banded.width(), banded.height()),
            (whole.width(), whole.height())
        );
        let differing = whole
            .pixels()
            .iter()
            .zip(banded.pixels())
            .filter(|(a, b)| a.demultiply() != b.demultiply())
            .count();
        assert_eq!(differing, 0);
    }
}
