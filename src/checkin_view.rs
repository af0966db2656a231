//! What the fronts share about check-ins: reading a logged value (the terminal's `checkin` and
//! Discord's *Log this month* form read them alike) and the progress chart's picture model.
//!
//! Values are read by the project's readers, so "$1.2k" and "4,200" work; a value that does not
//! read is refused with the reader's reason, and nothing is logged.

use crate::advisor::checkin::Progress;
use crate::advisor::content::AnswerKind;
use crate::advisor::read::{self, Metric, Reading, Unreadable};
use crate::advisor::{display, Content};
use crate::chart as picture;

/// A value a check-in logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Spend,
    Followers,
    Leads,
    Sales,
}

impl Field {
    /// The values asked for a plan judged by `metric`: followers are a count now, leads and sales
    /// this month's (both asked, since sales give the return).
    pub fn wanted(metric: Metric) -> &'static [Field] {
        match metric {
            Metric::Followers => &[Field::Spend, Field::Followers],
            Metric::Leads | Metric::Sales => &[Field::Spend, Field::Leads, Field::Sales],
        }
    }

    /// Its name: the CLI's option, the form's input id.
    pub fn id(self) -> &'static str {
        match self {
            Field::Spend => "spend",
            Field::Followers => "followers",
            Field::Leads => "leads",
            Field::Sales => "sales",
        }
    }

    pub fn read(self, text: &str) -> Result<f64, Unreadable> {
        match self {
            Field::Spend => read::read_money(text)?.number().ok_or(Unreadable::NoAmount),
            _ => read_count(text),
        }
    }

    pub fn example_key(self) -> &'static str {
        match self {
            Field::Spend => "checkin.example_money",
            _ => "checkin.example_count",
        }
    }

    /// Why `problem` refused a value for this field, in the readers' words. A value in another
    /// kind's unit is refused naming what the field needs: money for the spend, a number for the
    /// counts.
    pub fn reason(self, content: &Content, problem: &Unreadable) -> String {
        let example = content.messages.get(self.example_key());
        let question = match self {
            Field::Spend => content.questions.iter().find(|q| q.kind == AnswerKind::Money),
            Field::Followers | Field::Leads | Field::Sales => None,
        };
        display::problem(content, question, problem, example)
    }
}

/// A count (followers, leads, sales) by the number reader, except that "1.2k" or "2k" is 1,200
/// or 2,000, as the money reader reads the suffix: the number reader, made for years and months,
/// keeps only the 1.2. An amount of money is not a count, and is refused.
pub fn read_count(text: &str) -> Result<f64, Unreadable> {
    let count = read::read_number(text, None)?.number().ok_or(Unreadable::NoNumber)?;
    match read::read_money(text) {
        Ok(Reading::Money { currency: Some(_), .. }) => Err(Unreadable::ImpossibleNumber),
        Ok(Reading::Money {
            amount,
            min: Some(min),
            max: Some(max),
            currency: None,
            per_month: None,
        }) if min == max && amount == min && amount > count => Ok(amount),
        _ => Ok(count),
    }
}

/// The check-in chart: the metric at each check-in against the failure line, with the spend
/// against plan as its subtitle. Every word from prompts/ (`[chart]`).
pub fn progress_chart(content: &Content, progress: &Progress) -> picture::Progress {
    let m = &content.messages;
    let money = |amount: f64| display::money(amount.round(), progress.currency.as_deref());
    let metric = match progress.metric {
        Some(Metric::Followers) => m.get("display.metric_followers"),
        Some(Metric::Leads) => m.get("display.metric_leads"),
        Some(Metric::Sales) => m.get("display.metric_sales"),
        None => "",
    };
    let label = time::macros::format_description!("[month repr:short] [day padding:none]");
    let points = progress
        .checkins
        .iter()
        .filter_map(|point| {
            let value = point.value?;
            let day = i64::try_from(point.at)
                .ok()
                .and_then(|at| time::OffsetDateTime::from_unix_timestamp(at).ok())
                .and_then(|at| at.format(&label).ok())
                .unwrap_or_default();
            Some((day, value))
        })
        .collect();
    picture::Progress {
        title: m.fill("chart.progress_title", &[("metric", &capitalised(metric))]),
        subtitle: m.fill(
            "chart.progress_subtitle",
            &[
                ("spent", &money(progress.spent)),
                ("planned", &money(progress.planned)),
                ("month", &progress.month.to_string()),
                ("of", &progress.of.to_string()),
            ],
        ),
        points,
        target: None,
        failure: progress.stop_below.map(|below| picture::Level {
            value: below,
            label: m.fill("chart.progress_failure", &[("below", &display::number(below.round()))]),
        }),
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_a_thousands_suffix_and_refuse_money_and_spend_reads_as_money() {
        for (text, count) in [
            ("12", 12.0),
            ("4,200", 4200.0),
            ("1.2k", 1200.0),
            ("2k followers", 2000.0),
            ("0", 0.0),
        ] {
            assert_eq!(read_count(text), Ok(count), "{text}");
        }
        for text in ["$300", "lots", "-3", ""] {
            assert!(read_count(text).is_err(), "{text}");
        }
        assert_eq!(Field::Spend.read("$1.2k"), Ok(1200.0));
        assert_eq!(Field::Spend.read("900"), Ok(900.0));
        assert!(Field::Spend.read("lots").is_err());
    }
}
