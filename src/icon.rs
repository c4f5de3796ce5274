//! The app's icon, embedded so the window shows it wherever the binary was installed from.

/// The 128 px rendering of `assets/icon/alliance-map.svg` (see `scripts/render-icons`). Not the
/// 256 px one: on X11 winit sends the icon as one `_NET_WM_ICON` property, and 256×256 pixels
/// (256 KiB) is past the X request size limit, so the window was left with an empty icon.
/// Desktops take larger sizes from the installed hicolor icons.
const ICON_PNG: &[u8] = include_bytes!("../assets/icon/png/128x128/alliance-map.png");

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
    fn the_embedded_icon_decodes_to_128_square_pixels_small_enough_for_x11() {
        let Some(icon) = window_icon() else {
            panic!("the embedded icon does not decode")
        };
        assert_eq!((icon.width, icon.height), (128, 128));
        // The X11 core protocol's request limit is 256 KiB, the property's header included.
        assert!(icon.rgba.len() < 256 * 1024 - 64, "{}", icon.rgba.len());
    }
}
