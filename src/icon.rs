//! The app's icon, embedded so the window shows it wherever the binary was installed from.

/// The 256 px rendering of `assets/icon/alliance-map.svg` (see `scripts/render-icons`): large
/// enough for a task switcher, small enough to embed.
const ICON_PNG: &[u8] = include_bytes!("../assets/icon/png/256x256/alliance-map.png");

/// The window icon; `None` (and a logged warning) if it cannot be decoded, because a window
/// without its icon is still a working app.
pub fn window_icon() -> Option<egui::IconData> {
    match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => Some(icon),
        Err(error) => {
            log::warn!("the window icon could not be decoded: {error}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_icon_decodes_to_256_square_pixels() {
        let Some(icon) = window_icon() else {
            panic!("the embedded icon does not decode")
        };
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
