//! Pictures: small PNG charts drawn from plain data, with no knowledge of the advice.
//!
//! Two shapes cover what the bot draws: [`Bars`] (scores side by side, one marked, some struck
//! out, with two short lists under them) and [`ProgressChart`] (a metric over time against a target
//! line and a failure line, for the monthly check-ins). Shapes are drawn with plotters' bitmap
//! backend, text with ab_glyph and the bundled font ([`glyphs`]), and the result is encoded as PNG
//! with the pure-Rust `png` crate, so no system font and no C toolchain is involved.
//!
//! Every word on a chart is handed in by the caller (from prompts/); this module only lays out.

mod bars;
pub(crate) mod glyphs;
mod progress;

pub use bars::{BarRow, Bars, Mark, Panel};
pub use progress::{Level, ProgressChart, Slope};

/// A colour, 0–255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    fn plotters(self) -> plotters::style::RGBColor {
        plotters::style::RGBColor(self.0, self.1, self.2)
    }

    /// WCAG relative luminance, to check that every colour stands out from its background.
    #[cfg(test)]
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG contrast ratio, 1 to 21.
    #[cfg(test)]
    fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// The colours of a chart. The PNG is opaque, so it reads the same on Discord's dark and light
/// themes; [`Theme::DARK`] sits well inside the dark client and [`Theme::LIGHT`] inside the light
/// one (and on paper, for the brief).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub grid: Rgb,
    pub bar: Rgb,
    pub chosen: Rgb,
    pub ruled_out: Rgb,
    pub towards: Rgb,
    pub against: Rgb,
    pub target: Rgb,
    pub failure: Rgb,
}

impl Theme {
    /// Discord's dark embed grey underneath.
    pub const DARK: Theme = Theme {
        background: Rgb(0x2b, 0x2d, 0x31),
        text: Rgb(0xf2, 0xf3, 0xf5),
        muted: Rgb(0xb5, 0xba, 0xc1),
        grid: Rgb(0x4e, 0x50, 0x58),
        bar: Rgb(0x8e, 0x9a, 0xaf),
        chosen: Rgb(0x4f, 0xc3, 0xb7),
        ruled_out: Rgb(0x80, 0x84, 0x8e),
        towards: Rgb(0x57, 0xd0, 0x8b),
        against: Rgb(0xf5, 0x9e, 0x5b),
        target: Rgb(0x57, 0xd0, 0x8b),
        failure: Rgb(0xf2, 0x6d, 0x6d),
    };

    /// White underneath.
    pub const LIGHT: Theme = Theme {
        background: Rgb(0xff, 0xff, 0xff),
        text: Rgb(0x1e, 0x1f, 0x22),
        muted: Rgb(0x4e, 0x50, 0x58),
        grid: Rgb(0xc4, 0xc9, 0xd0),
        bar: Rgb(0x5c, 0x67, 0x7a),
        chosen: Rgb(0x1d, 0x6f, 0x69),
        ruled_out: Rgb(0x76, 0x7a, 0x84),
        towards: Rgb(0x1b, 0x7a, 0x3f),
        against: Rgb(0xb3, 0x4a, 0x00),
        target: Rgb(0x1b, 0x7a, 0x3f),
        failure: Rgb(0xc0, 0x1f, 0x1f),
    };

    /// Every colour drawn on the background, by name (for the contrast test).
    #[cfg(test)]
    fn foregrounds(&self) -> [(&'static str, Rgb); 10] {
        [
            ("text", self.text),
            ("muted", self.muted),
            ("grid", self.grid),
            ("bar", self.bar),
            ("chosen", self.chosen),
            ("ruled_out", self.ruled_out),
            ("towards", self.towards),
            ("against", self.against),
            ("target", self.target),
            ("failure", self.failure),
        ]
    }
}

/// The size the bot draws at: wide enough for Discord's embed image, small enough to stay far
/// under 200 KB.
pub const SIZE: (u32, u32) = (800, 450);

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("a chart of {0}×{1} pixels is too small or too large to draw")]
    Size(u32, u32),
    #[error("the chart could not be drawn: {0}")]
    Draw(String),
    #[error("the chart could not be encoded as PNG: {0}")]
    Encode(String),
}

/// A drawing surface: an RGB buffer for plotters and for the text after it.
pub(crate) struct Canvas {
    pub width: u32,
    pub height: u32,
    pub buf: Vec<u8>,
}

impl Canvas {
    pub fn new((width, height): (u32, u32)) -> Result<Canvas, ChartError> {
        if !(200..=4_000).contains(&width) || !(120..=4_000).contains(&height) {
            return Err(ChartError::Size(width, height));
        }
        Ok(Canvas {
            width,
            height,
            buf: vec![0; width as usize * height as usize * 3],
        })
    }

    /// Shapes, with plotters on the buffer.
    pub fn shapes(
        &mut self,
        draw: impl FnOnce(
            &plotters::drawing::DrawingArea<plotters::prelude::BitMapBackend<'_>, plotters::coord::Shift>,
        ) -> Result<(), String>,
    ) -> Result<(), ChartError> {
        use plotters::prelude::*;
        let root = BitMapBackend::with_buffer(&mut self.buf, (self.width, self.height)).into_drawing_area();
        draw(&root).map_err(ChartError::Draw)?;
        root.present().map_err(|err| ChartError::Draw(err.to_string()))
    }

    /// Text, after the shapes, so it always sits on top.
    pub fn pixels(&mut self) -> glyphs::Pixels<'_> {
        glyphs::Pixels {
            buf: &mut self.buf,
            width: self.width,
            height: self.height,
        }
    }

    /// The finished image as PNG.
    pub fn png(&self) -> Result<Vec<u8>, ChartError> {
        let mut out = Vec::with_capacity(64 * 1024);
        {
            let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_compression(png::Compression::Default);
            let mut writer = encoder
                .write_header()
                .map_err(|err| ChartError::Encode(err.to_string()))?;
            writer
                .write_image_data(&self.buf)
                .map_err(|err| ChartError::Encode(err.to_string()))?;
        }
        Ok(out)
    }
}

/// Converts a plotters error into the closure's error type.
/// A coordinate in whole pixels, as plotters draws them.
pub(crate) fn px(v: f32) -> i32 {
    v.round() as i32
}

pub(crate) fn drawn<E: std::fmt::Display>(result: Result<(), E>) -> Result<(), String> {
    result.map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_colour_stands_out_from_its_background_in_both_themes() {
        for (name, theme) in [("dark", Theme::DARK), ("light", Theme::LIGHT)] {
            assert!(
                theme.text.contrast(theme.background) >= 7.0,
                "{name}: text contrast {}",
                theme.text.contrast(theme.background)
            );
            for (part, colour) in theme.foregrounds() {
                // Grid lines are meant to be faint; everything else is read, so WCAG's 3:1 for
                // graphics (4.5:1 for the text colours) holds.
                let floor = match part {
                    "grid" => 1.3,
                    "text" | "muted" => 4.5,
                    _ => 3.0,
                };
                let ratio = colour.contrast(theme.background);
                assert!(ratio >= floor, "{name}: {part} has contrast {ratio:.2}, below {floor}");
            }
        }
    }

    #[test]
    fn a_size_out_of_range_is_refused() {
        assert!(matches!(Canvas::new((10, 10)), Err(ChartError::Size(10, 10))));
        assert!(Canvas::new(SIZE).is_ok());
    }
}
