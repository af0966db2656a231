//! Horizontal bars, one marked and some struck out, with up to two short lists underneath.

use plotters::prelude::*;

use super::glyphs::{self, Align};
use super::{drawn, px, Canvas, ChartError, Theme};

/// How a bar is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// The one the chart is about (the recommendation).
    Chosen,
    /// Out of the running whatever its value (an outcome a line rules out): drawn hollow.
    RuledOut,
}

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub value: f64,
    /// The value as shown at the bar's end ("2.4").
    pub shown: String,
    pub mark: Mark,
    /// Words after the value ("recommended", "ruled out (Who should outsource)").
    pub note: String,
}

/// A short list under the bars: each item a label and a strength from 0 to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub heading: String,
    pub items: Vec<(String, f64)>,
    /// Drawn in the theme's `towards` colour when true, `against` otherwise.
    pub towards: bool,
}

/// A bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub title: String,
    pub subtitle: String,
    pub rows: Vec<BarRow>,
    /// Said instead of the bars when there is nothing to compare (no recommendation yet).
    pub instead: Option<String>,
    /// At most two, side by side.
    pub panels: Vec<Panel>,
}

const MARGIN: f32 = 24.0;

/// Where things go on a bars chart: everything is laid out on an 800×450 grid and scaled, so any
/// size keeps the proportions.
struct Grid {
    w: f32,
    sx: f32,
    sy: f32,
    s: f32,
    label_right: f32,
    bar_left: f32,
    bar_max: f32,
    top: f32,
    row_h: f32,
    bar_h: f32,
    /// The values' range the bars span.
    lo: f64,
    hi: f64,
    bars_bottom: f32,
    panel_top: f32,
    column: f32,
}

impl Grid {
    fn of(bars: &Bars, size: (u32, u32)) -> Grid {
        let (w, h) = (size.0 as f32, size.1 as f32);
        let sx = w / 800.0;
        let sy = h / 450.0;
        let label_right = 250.0 * sx;
        let top = 88.0 * sy;
        let row_h = if bars.rows.is_empty() {
            0.0
        } else {
            (200.0 * sy / bars.rows.len() as f32).min(44.0 * sy)
        };
        let lo = bars.rows.iter().map(|r| r.value).fold(0.0_f64, f64::min);
        let bars_bottom = top + 200.0 * sy;
        Grid {
            w,
            sx,
            sy,
            s: sx.min(sy),
            label_right,
            bar_left: label_right + 10.0 * sx,
            bar_max: 330.0 * sx,
            top,
            row_h,
            bar_h: row_h * 0.58,
            lo,
            hi: bars.rows.iter().map(|r| r.value).fold(lo + 1e-9, f64::max),
            bars_bottom,
            panel_top: bars_bottom + 22.0 * sy,
            column: (w - 2.0 * MARGIN * sx - 16.0 * sx) / 2.0,
        }
    }

    fn x_of(&self, v: f64) -> f32 {
        self.bar_left + ((v - self.lo) / (self.hi - self.lo)) as f32 * self.bar_max
    }
}

type Root<'a> = plotters::drawing::DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;

impl Bars {
    /// The chart as PNG, `size` pixels.
    pub fn render(&self, size: (u32, u32), theme: &Theme) -> Result<Vec<u8>, ChartError> {
        let mut canvas = Canvas::new(size)?;
        let g = Grid::of(self, size);
        let (sx, sy, s) = (g.sx, g.sy, g.s);
        canvas.shapes(|root| {
            drawn(root.fill(&theme.background.plotters()))?;
            if let Some(_message) = &self.instead {
                drawn(root.draw(&Rectangle::new(
                    [(px(MARGIN * sx), px(g.top)), (px(g.w - MARGIN * sx), px(g.bars_bottom))],
                    ShapeStyle::from(&theme.grid.plotters()).stroke_width((2.0 * s).max(1.0) as u32),
                )))?;
            } else {
                self.draw_bars(root, &g, theme)?;
            }
            self.draw_panel_bars(root, &g, theme)
        })?;

        let mut pixels = canvas.pixels();
        let text_w = g.w - 2.0 * MARGIN * sx;
        pixels.text(
            &glyphs::fit(&self.title, 24.0 * s, text_w),
            MARGIN * sx,
            40.0 * sy,
            24.0 * s,
            theme.text,
            Align::Left,
        );
        pixels.text(
            &glyphs::fit(&self.subtitle, 16.0 * s, text_w),
            MARGIN * sx,
            66.0 * sy,
            16.0 * s,
            theme.muted,
            Align::Left,
        );
        if let Some(message) = &self.instead {
            let size = 20.0 * s;
            for (i, line) in glyphs::wrap(message, size, text_w - 40.0 * sx)
                .iter()
                .take(6)
                .enumerate()
            {
                let y = g.top + 44.0 * sy + i as f32 * 30.0 * sy;
                pixels.text(line, MARGIN * sx + 20.0 * sx, y, size, theme.text, Align::Left);
            }
        } else {
            self.write_rows(&mut pixels, &g, theme);
        }
        for (p, panel) in self.panels.iter().take(2).enumerate() {
            let x = MARGIN * sx + p as f32 * (g.column + 16.0 * sx);
            pixels.text(
                &glyphs::fit(&panel.heading, 16.0 * s, g.column),
                x,
                g.panel_top + 10.0 * sy,
                16.0 * s,
                theme.text,
                Align::Left,
            );
            for (i, (label, _)) in panel.items.iter().take(3).enumerate() {
                let y = g.panel_top + 22.0 * sy + i as f32 * 30.0 * sy + 13.0 * sy;
                pixels.text(
                    &glyphs::fit(label, 15.0 * s, g.column - 100.0 * sx),
                    x + 100.0 * sx,
                    y,
                    15.0 * s,
                    theme.text,
                    Align::Left,
                );
            }
        }
        canvas.png()
    }

    /// Under the bars, each panel's items as short bars of their strength.
    fn draw_panel_bars(&self, root: &Root, g: &Grid, theme: &Theme) -> Result<(), String> {
        let (sx, sy) = (g.sx, g.sy);
        for (p, panel) in self.panels.iter().take(2).enumerate() {
            let x = MARGIN * sx + p as f32 * (g.column + 16.0 * sx);
            let colour = if panel.towards { theme.towards } else { theme.against };
            for (i, (_, strength)) in panel.items.iter().take(3).enumerate() {
                let y = g.panel_top + 22.0 * sy + i as f32 * 30.0 * sy;
                let width = (strength.clamp(0.0, 1.0) as f32 * 90.0 * sx).max(4.0);
                drawn(root.draw(&Rectangle::new(
                    [(px(x), px(y)), (px(x + width), px(y + 16.0 * sy))],
                    colour.plotters().filled(),
                )))?;
            }
        }
        Ok(())
    }

    /// The zero line, then a bar per row, marked as chosen, plain or ruled out.
    fn draw_bars(&self, root: &Root, g: &Grid, theme: &Theme) -> Result<(), String> {
        drawn(root.draw(&PathElement::new(
            vec![
                (px(g.x_of(0.0)), px(g.top - 6.0 * g.sy)),
                (px(g.x_of(0.0)), px(g.bars_bottom - 6.0 * g.sy)),
            ],
            theme.grid.plotters(),
        )))?;
        for (i, row) in self.rows.iter().enumerate() {
            let y0 = g.top + i as f32 * g.row_h + (g.row_h - g.bar_h) / 2.0;
            let (a, b) = (g.x_of(0.0_f64.max(g.lo)), g.x_of(row.value));
            let (x0, x1) = (a.min(b), a.max(b).max(a.min(b) + 2.0));
            let corners = [(px(x0), px(y0)), (px(x1), px(y0 + g.bar_h))];
            match row.mark {
                Mark::Plain => drawn(root.draw(&Rectangle::new(corners, theme.bar.plotters().filled())))?,
                Mark::Chosen => drawn(root.draw(&Rectangle::new(corners, theme.chosen.plotters().filled())))?,
                Mark::RuledOut => {
                    let style = ShapeStyle::from(&theme.ruled_out.plotters()).stroke_width(2);
                    drawn(root.draw(&Rectangle::new(corners, style)))?;
                    drawn(root.draw(&PathElement::new(
                        vec![(px(x0), px(y0 + g.bar_h)), (px(x1), px(y0))],
                        style,
                    )))?;
                }
            }
        }
        Ok(())
    }

    /// Each row's label left of its bar, its figure at the bar's end and its note after that.
    fn write_rows(&self, pixels: &mut glyphs::Pixels, g: &Grid, theme: &Theme) {
        let (sx, s) = (g.sx, g.s);
        for (i, row) in self.rows.iter().enumerate() {
            let baseline = g.top + i as f32 * g.row_h + g.row_h / 2.0 + 5.0 * s;
            let colour = match row.mark {
                Mark::Chosen => theme.text,
                Mark::Plain => theme.text,
                Mark::RuledOut => theme.muted,
            };
            pixels.text(
                &glyphs::fit(&row.label, 16.0 * s, g.label_right - MARGIN * sx),
                g.label_right,
                baseline,
                16.0 * s,
                colour,
                Align::Right,
            );
            let end = g.x_of(row.value).max(g.x_of(0.0_f64.max(g.lo))) + 8.0 * sx;
            pixels.text(&row.shown, end, baseline, 15.0 * s, theme.muted, Align::Left);
            let note_x = end + glyphs::width(&row.shown, 15.0 * s) + 10.0 * sx;
            let note_colour = match row.mark {
                Mark::Chosen => theme.chosen,
                Mark::RuledOut => theme.ruled_out,
                Mark::Plain => theme.muted,
            };
            let room = (g.w - MARGIN * sx - note_x).max(0.0);
            pixels.text(
                &glyphs::fit(&row.note, 15.0 * s, room),
                note_x,
                baseline,
                15.0 * s,
                note_colour,
                Align::Left,
            );
        }
    }
}
