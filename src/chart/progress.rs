//! A metric over time against a target line and a failure line: what the monthly check-in shows
//! (article 002's failure point, held each month).

use plotters::prelude::*;

use super::glyphs::{self, Align};
use super::{drawn, Canvas, ChartError, Theme};

/// A horizontal line across the chart, with its label at the right end.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub value: f64,
    pub label: String,
}

/// A sloping line from one point to another (months, value), with its label at the far end: the
/// pace the verdict projects, drawn so the chart shows what the text says.
#[derive(Debug, Clone, PartialEq)]
pub struct Slope {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub label: String,
}

/// A progress chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressChart {
    pub title: String,
    pub subtitle: String,
    /// One point per check-in, oldest first: its label on the x axis ("Mar"), its month since the
    /// start (the x axis runs from 0 to `months`) and its value.
    pub points: Vec<(String, f64, f64)>,
    /// The x axis's length in months (the plan's), and its label at the right end ("month 6"),
    /// where the failure line is judged and the pace ends.
    pub months: f64,
    pub end: String,
    pub target: Option<Level>,
    pub failure: Option<Level>,
    pub pace: Option<Slope>,
}

/// The smallest of 1, 2, 2.5, 5 × 10^k at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw * 0.999_999)
        .unwrap_or(10.0 * magnitude)
}

impl ProgressChart {
    pub fn render(&self, size: (u32, u32), theme: &Theme) -> Result<Vec<u8>, ChartError> {
        let mut canvas = Canvas::new(size)?;
        let (w, h) = (size.0 as f32, size.1 as f32);
        let (sx, sy) = (w / 800.0, h / 450.0);
        let s = sx.min(sy);
        let (left, right, top, bottom) = (80.0 * sx, 640.0 * sx, 92.0 * sy, 390.0 * sy);

        let values = self
            .points
            .iter()
            .map(|(_, _, v)| *v)
            .chain(self.target.iter().map(|l| l.value))
            .chain(self.failure.iter().map(|l| l.value))
            .chain(self.pace.iter().flat_map(|p| [p.from.1, p.to.1]));
        let lo = values.clone().fold(0.0_f64, f64::min);
        let top_value = values.fold(lo + 1.0, f64::max) * 1.05;
        // Four steps of a round size (1, 2, 2.5 or 5 times a power of ten), so the ticks read well.
        let step = nice_step((top_value - lo) / 4.0);
        let hi = lo + 4.0 * step;
        let y_of = |v: f64| bottom - ((v - lo) / (hi - lo)) as f32 * (bottom - top);
        let n = self.points.len().max(1);
        let span = self
            .points
            .iter()
            .map(|(_, m, _)| *m)
            .fold(self.months, f64::max)
            .max(1.0);
        let x_of = |month: f64| left + (month.max(0.0) / span) as f32 * (right - left);
        let ticks: Vec<f64> = (0..=4).map(|i| lo + step * f64::from(i)).collect();

        canvas.shapes(|root| {
            let px = |v: f32| v.round() as i32;
            drawn(root.fill(&theme.background.plotters()))?;
            for &tick in &ticks {
                drawn(root.draw(&PathElement::new(
                    vec![(px(left), px(y_of(tick))), (px(right), px(y_of(tick)))],
                    theme.grid.plotters(),
                )))?;
            }
            for (level, colour) in [(&self.target, theme.target), (&self.failure, theme.failure)] {
                let Some(level) = level else { continue };
                let y = px(y_of(level.value));
                // Dashed: 12 on, 8 off.
                let mut x = left;
                while x < right {
                    let end = (x + 12.0 * sx).min(right);
                    drawn(root.draw(&PathElement::new(
                        vec![(px(x), y), (px(end), y)],
                        ShapeStyle::from(&colour.plotters()).stroke_width(3),
                    )))?;
                    x += 20.0 * sx;
                }
            }
            if let Some(pace) = &self.pace {
                drawn(root.draw(&PathElement::new(
                    vec![
                        (px(x_of(pace.from.0)), px(y_of(pace.from.1))),
                        (px(x_of(pace.to.0)), px(y_of(pace.to.1))),
                    ],
                    ShapeStyle::from(&theme.target.plotters()).stroke_width(2),
                )))?;
            }
            let line: Vec<(i32, i32)> = self
                .points
                .iter()
                .map(|(_, m, v)| (px(x_of(*m)), px(y_of(*v))))
                .collect();
            drawn(root.draw(&PathElement::new(
                line.clone(),
                ShapeStyle::from(&theme.chosen.plotters()).stroke_width(3),
            )))?;
            for point in line {
                drawn(root.draw(&Circle::new(point, (5.0 * s) as i32, theme.chosen.plotters().filled())))?;
            }
            Ok(())
        })?;

        let mut pixels = canvas.pixels();
        pixels.text(
            &glyphs::fit(&self.title, 24.0 * s, w - 48.0 * sx),
            24.0 * sx,
            40.0 * sy,
            24.0 * s,
            theme.text,
            Align::Left,
        );
        pixels.text(
            &glyphs::fit(&self.subtitle, 16.0 * s, w - 48.0 * sx),
            24.0 * sx,
            66.0 * sy,
            16.0 * s,
            theme.muted,
            Align::Left,
        );
        for &tick in &ticks {
            let shown = crate::advisor::display::short_number((tick * 10.0).round() / 10.0);
            pixels.text(
                &shown,
                left - 8.0 * sx,
                y_of(tick) + 5.0 * s,
                14.0 * s,
                theme.muted,
                Align::Right,
            );
        }
        let every = (n / 12).max(1);
        for (label, month, _) in self.points.iter().step_by(every) {
            pixels.text(
                label,
                x_of(*month),
                bottom + 24.0 * sy,
                14.0 * s,
                theme.muted,
                Align::Centre,
            );
        }
        // The end of the plan, unless a check-in's own label already sits there.
        if !self.points.iter().any(|(_, m, _)| (m - span).abs() < 0.5) {
            pixels.text(
                &self.end,
                x_of(span),
                bottom + 24.0 * sy,
                14.0 * s,
                theme.muted,
                Align::Centre,
            );
        }
        if let Some(pace) = &self.pace {
            let text = glyphs::fit(&pace.label, 15.0 * s, w - right - 32.0 * sx);
            pixels.text(
                &text,
                right + 10.0 * sx,
                y_of(pace.to.1) + 5.0 * s,
                15.0 * s,
                theme.target,
                Align::Left,
            );
        }
        for (level, colour) in [(&self.target, theme.target), (&self.failure, theme.failure)] {
            let Some(level) = level else { continue };
            let text = glyphs::fit(&level.label, 15.0 * s, w - right - 32.0 * sx);
            pixels.text(
                &text,
                right + 10.0 * sx,
                y_of(level.value) + 5.0 * s,
                15.0 * s,
                colour,
                Align::Left,
            );
        }
        canvas.png()
    }
}

#[cfg(test)]
mod tests {
    use super::nice_step;

    #[test]
    fn ticks_fall_on_round_numbers() {
        assert_eq!(nice_step(2.6), 5.0);
        assert_eq!(nice_step(2.0), 2.0);
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(1_300.0), 2_000.0);
        assert_eq!(nice_step(0.0), 1.0);
    }
}
