//! What every chart is drawn with: a font with Chinese glyphs (found at `ZHUQI_CHART_FONT` or a
//! few known system paths, the Debian package `fonts-wqy-microhei` by default, which the set-up
//! installs), the error drawing can end in, and the PNG encoding.

use plotters::prelude::FontStyle;
use std::path::PathBuf;
use std::sync::Mutex;

/// The environment variable naming the font file (TTF, OTF or a TTC collection's first face).
pub const FONT_ENV: &str = "ZHUQI_CHART_FONT";
/// Where fonts with Chinese glyphs live on common systems, the set-up's own first.
pub const FONT_PATHS: [&str; 7] = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
];
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error(
        "no font with Chinese glyphs found (tried {tried:?}); install fonts-wqy-microhei or set {FONT_ENV}"
    )]
    FontMissing { tried: Vec<PathBuf> },
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("encoding the chart failed: {0}")]
    Encode(#[from] png::EncodingError),
}

/// The font registered with plotters, once found.
static FONT: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Candidate font files: the environment's choice, then the known paths.
pub fn font_candidates(env: Option<String>) -> Vec<PathBuf> {
    env.into_iter()
        .map(PathBuf::from)
        .chain(FONT_PATHS.iter().map(PathBuf::from))
        .collect()
}

/// Whether a font file parses (index 0 of a collection) and has Chinese glyphs.
pub fn usable_font(bytes: &[u8]) -> bool {
    use ab_glyph::Font;
    ab_glyph::FontRef::try_from_slice_and_index(bytes, 0)
        .is_ok_and(|f| f.glyph_id('中').0 != 0 && f.glyph_id('A').0 != 0)
}

/// The first candidate that is a usable font, with its bytes.
pub fn find_font(candidates: &[PathBuf]) -> Result<(PathBuf, Vec<u8>), ChartError> {
    for path in candidates {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        if usable_font(&bytes) {
            return Ok((path.clone(), bytes));
        }
        tracing::warn!(path = %path.display(), "font has no Chinese glyphs or cannot be read");
    }
    Err(ChartError::FontMissing {
        tried: candidates.to_vec(),
    })
}

/// Finds a CJK font and registers it with plotters (as the family every label uses).
fn ensure_font(candidates: &[PathBuf]) -> Result<(), ChartError> {
    let mut found = FONT.lock().unwrap_or_else(|e| e.into_inner());
    if found.is_some() {
        return Ok(());
    }
    let (path, bytes) = find_font(candidates)?;
    // plotters keeps fonts for the life of the process; this happens once.
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    for family in ["sans-serif", "zhuqi"] {
        if plotters::style::register_font(family, FontStyle::Normal, bytes).is_err() {
            return Err(ChartError::Draw(format!(
                "plotters refused the font {}",
                path.display()
            )));
        }
    }
    *found = Some(path);
    Ok(())
}

/// The font file charts are drawn with, finding it if needed.
pub fn chart_font() -> Result<PathBuf, ChartError> {
    ensure_font(&font_candidates(std::env::var(FONT_ENV).ok()))?;
    Ok(FONT
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .unwrap_or_default())
}

pub(super) fn draw_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

pub(super) fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(rgb)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_font_is_reported_with_the_paths_tried() {
        let tried = vec![PathBuf::from("/nonexistent/font.ttc")];
        match find_font(&tried) {
            Err(ChartError::FontMissing { tried: t }) => assert_eq!(t, tried),
            other => panic!("expected FontMissing, got {:?}", other.map(|(p, _)| p)),
        }
    }

    #[test]
    fn the_environment_font_is_tried_first() {
        let c = font_candidates(Some("/opt/fonts/my.ttf".into()));
        assert_eq!(c[0], PathBuf::from("/opt/fonts/my.ttf"));
        assert_eq!(c[1], PathBuf::from(FONT_PATHS[0]));
    }

    #[test]
    fn bytes_that_are_not_a_font_are_not_usable() {
        assert!(!usable_font(b"not a font"));
    }
}
