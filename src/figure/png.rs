//! PNG figures: the figure's SVG rasterised by resvg with the font egui ships, loaded from
//! the binary, so a PNG looks the same on every machine and needs no installed font.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
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

/// Draws an SVG at `scale` times its size.
pub fn rasterise(svg: &str, scale: u32) -> Result<Pixmap, FigureError> {
    let tree = parse(svg)?;
    let size = tree.size();
    let (width, height) = (size.width().ceil() as u32, size.height().ceil() as u32);
    let too_large = FigureError::TooLarge {
        width,
        height,
        scale,
    };
    let pixels = u64::from(width) * u64::from(height) * u64::from(scale) * u64::from(scale);
    if pixels > MAX_PNG_PIXELS {
        return Err(too_large);
    }
    let mut pixmap = Pixmap::new(width * scale, height * scale).ok_or(too_large)?;
    let scale = scale as f32;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// An SVG as PNG bytes at `scale` times its size.
pub fn png_bytes(svg: &str, scale: u32) -> Result<Vec<u8>, FigureError> {
    rasterise(svg, scale)?
        .encode_png()
        .map_err(|error| FigureError::Rasterise(error.to_string()))
}
