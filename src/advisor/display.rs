//! How readings and figures are written back to people: "$1,500 a month", "14 hours a week".
//! The words come from prompts/messages.toml (`display.*`); only the number formatting is here.

use super::content::{Content, Messages, Question};
use super::read::{Doubt, Metric, Reading, ResultPeriod, Unreadable};

/// The symbol to write before an amount in `currency` (ISO code); unknown codes are written after.
fn symbol(currency: Option<&str>) -> (&'static str, Option<String>) {
    match currency {
        None | Some("USD") => ("$", None),
        Some("GBP") => ("£", None),
        Some("EUR") => ("€", None),
        Some(other) => ("", Some(other.to_owned())),
    }
}

/// 1234.5 → "1,234.50"; 1500 → "1,500".
pub(crate) fn number(value: f64) -> String {
    if !value.is_finite() {
        return "?".to_owned();
    }
    let negative = value < 0.0;
    let value = value.abs();
    let cents = (value * 100.0).round() as u64;
    let (whole, fraction) = (cents / 100, cents % 100);
    let digits = whole.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if negative { "-" } else { "" };
    if fraction == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction:02}")
    }
}

/// A short number for hours and years: at most one decimal, none when whole.
pub(crate) fn short_number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// An amount of money in the given currency: "$1,500", "£300", "1,000 CHF".
pub(crate) fn money(amount: f64, currency: Option<&str>) -> String {
    let (symbol, code) = symbol(currency);
    match code {
        Some(code) => format!("{} {code}", number(amount)),
        None => format!("{symbol}{}", number(amount)),
    }
}

/// Hours a week as said, singular for exactly 1: "1 hour a week", "2.5 hours a week". A figure of
/// hours fills its placeholder with this, so a sentence never writes the unit itself.
pub(crate) fn hours_a_week(messages: &Messages, value: f64) -> String {
    let shown = short_number(value);
    messages.fill(&one_or_many(messages, &shown, "display.hours"), &[("hours", &shown)])
}

/// `key`, or its singular `KEY_one` when the number shown is exactly 1 and the prompts have one:
/// "1 hour a week", "1 year", "for 1 month" ("1.5" and "0.5" stay plural, as people say them).
fn one_or_many(messages: &Messages, shown: &str, key: &str) -> String {
    let one = format!("{key}_one");
    if shown == "1" && messages.has(&one) {
        one
    } else {
        key.to_owned()
    }
}

/// A figure as said back, and the number that decides "hour" or "hours": a range ("2 to 5")
/// counts by its upper end, a bound ("up to 2", "at least 11") by the bound, said the way money's
/// bounds are.
fn figure_or_range(m: &Messages, value: f64, min: Option<f64>, max: Option<f64>) -> (String, String) {
    match (min, max) {
        (Some(low), Some(high)) if low < high => {
            let high = short_number(high);
            let range = m.fill("display.range", &[("low", &short_number(low)), ("high", &high)]);
            (high, range)
        }
        (None, Some(high)) => {
            let high = short_number(high);
            let bound = m.fill("display.at_most", &[("amount", &high)]);
            (high, bound)
        }
        (Some(low), None) => {
            let low = short_number(low);
            let bound = m.fill("display.at_least", &[("amount", &low)]);
            (low, bound)
        }
        _ => {
            let one = short_number(value);
            (one.clone(), one)
        }
    }
}

/// A reading as the bot says it back: "$1,500 a month", "14 hours a week", "yes", "3 of 5",
/// choice labels.
pub fn reading(content: &Content, question: Option<&Question>, reading: &Reading) -> String {
    let m = &content.messages;
    match reading {
        Reading::YesNo { value } => m.get(&format!("display.{}", value.id())).to_owned(),
        Reading::Scale { value } => m.fill("display.scale", &[("value", &value.to_string())]),
        Reading::Choices { picks } => picks
            .iter()
            .map(|id| {
                question
                    .and_then(|q| q.choice(id))
                    .map_or(id.as_str(), |c| c.label.as_str())
                    .to_owned()
            })
            .collect::<Vec<_>>()
            .join(", "),
        Reading::Money {
            amount,
            min,
            max,
            currency,
            per_month,
        } => money_reading(m, *amount, (*min, *max), currency.as_deref(), *per_month),
        Reading::Hours {
            hours_per_week,
            min,
            max,
        } => {
            let (count, hours) = figure_or_range(m, *hours_per_week, *min, *max);
            m.fill(&one_or_many(m, &count, "display.hours"), &[("hours", &hours)])
        }
        Reading::Number { value, min, max } => {
            let unit = question.and_then(|q| q.unit.as_deref()).unwrap_or("");
            let key = format!("display.number_{unit}");
            let key = if m.has(&key) { key } else { "display.number".to_owned() };
            let (count, value) = figure_or_range(m, *value, *min, *max);
            m.fill(&one_or_many(m, &count, &key), &[("value", &value)])
        }
        Reading::Text { text } => text.clone(),
        Reading::Unsure => m.get("display.unsure").to_owned(),
        Reading::FailurePoint {
            per_month,
            months,
            below,
            metric,
            below_period,
        } => failure_point_reading(m, *per_month, *months, (*below, *metric, *below_period)),
    }
}

/// Money as said back: the amount or its range, and the amount a month when it was converted.
fn money_reading(
    m: &Messages,
    amount: f64,
    range: (Option<f64>, Option<f64>),
    currency: Option<&str>,
    per_month: Option<f64>,
) -> String {
    let amount_text = match range {
        (Some(lo), Some(hi)) if lo != hi => m.fill(
            "display.range",
            &[("low", &money(lo, currency)), ("high", &money(hi, currency))],
        ),
        (None, Some(hi)) => m.fill("display.at_most", &[("amount", &money(hi, currency))]),
        (Some(lo), None) => m.fill("display.at_least", &[("amount", &money(lo, currency))]),
        _ => money(amount, currency),
    };
    match per_month {
        Some(monthly) if (monthly - amount).abs() > 0.005 => m.fill(
            "display.money_converted",
            &[("amount", &amount_text), ("monthly", &money(monthly, currency))],
        ),
        Some(_) => m.fill("display.per_month", &[("amount", &amount_text)]),
        None => amount_text,
    }
}

/// A failure point as said back: the spend a month, the months, and the line with its period.
fn failure_point_reading(
    m: &Messages,
    per_month: Option<f64>,
    months: Option<f64>,
    (below, metric, below_period): (Option<f64>, Option<Metric>, Option<ResultPeriod>),
) -> String {
    let mut parts = Vec::new();
    if let Some(amount) = per_month {
        parts.push(m.fill("display.per_month", &[("amount", &money(amount, None))]));
    }
    if let Some(months) = months {
        let months = short_number(months);
        parts.push(m.fill(
            &one_or_many(m, &months, "display.failure_months"),
            &[("months", &months)],
        ));
    }
    if let Some(below) = below {
        let metric = metric.map_or_else(String::new, |metric| {
            m.get(&format!("display.metric_{}", metric.id())).to_owned()
        });
        let mut said = m
            .fill(
                "display.failure_below",
                &[("value", &short_number(below)), ("metric", &metric)],
            )
            .trim_end()
            .to_owned();
        if let Some(period) = below_period {
            said = m.fill(
                "display.failure_below_period",
                &[
                    ("below", &said),
                    ("period", m.get(&format!("display.result_period_{}", period.id()))),
                ],
            );
        }
        parts.push(said);
    }
    parts.join(", ")
}

/// Why an answer was not read, filled with the question's example; a number in another kind's
/// unit names what was understood and what the question asks for.
pub fn problem(content: &Content, question: Option<&Question>, problem: &Unreadable, example: &str) -> String {
    let m = &content.messages;
    match problem {
        Unreadable::OtherUnit { dimension, found } => {
            let needs = match question {
                None => "needs.number".to_owned(),
                Some(q) => {
                    let kind = q.kind.name();
                    match q.unit.as_deref().map(|u| format!("needs.{kind}_{u}")) {
                        Some(key) if m.has(&key) => key,
                        _ => format!("needs.{kind}"),
                    }
                }
            };
            m.fill(
                &problem.message_key(),
                &[
                    ("understood", m.get(&format!("dimension.{}", dimension.id()))),
                    ("found", found),
                    ("needs", m.get(&needs)),
                    ("example", example),
                ],
            )
        }
        Unreadable::HowOften { found } | Unreadable::TimeOfDay { found } => {
            m.fill(&problem.message_key(), &[("found", found), ("example", example)])
        }
        other => m.fill(&other.message_key(), &[("example", example)]),
    }
}

/// "Did you mean €1,200?": the question asked before a reading in doubt is stored. A reading
/// with no period says which rule was applied; a reading with words left over says "I read that
/// as …", so the owner sees what was taken from the sentence.
pub fn confirm(content: &Content, question: Option<&Question>, reading: &Reading, doubt: Doubt) -> String {
    let m = &content.messages;
    let monthly = question.is_some_and(|q| q.unit.as_deref() == Some("month"));
    let shown = match reading {
        Reading::Money {
            amount,
            currency,
            per_month: None,
            min,
            max,
        } if min == max && matches!(doubt, Doubt::NoPeriod | Doubt::Separator) => {
            let key = if doubt == Doubt::NoPeriod && monthly {
                "confirm.no_period_money_month"
            } else {
                "confirm.no_period_money"
            };
            m.fill(key, &[("amount", &money(*amount, currency.as_deref()))])
        }
        Reading::Hours {
            hours_per_week,
            min: None,
            max: None,
        } if doubt == Doubt::NoPeriod => {
            let hours = short_number(*hours_per_week);
            m.fill(&one_or_many(m, &hours, "confirm.no_period_hours"), &[("hours", &hours)])
        }
        other => self::reading(content, question, other),
    };
    let key = match doubt {
        Doubt::Unexplained => "confirm.unexplained",
        Doubt::Negation => "confirm.negation",
        Doubt::Shared => "confirm.shared",
        Doubt::ResultPeriod => "confirm.result_period",
        Doubt::Separator | Doubt::NoPeriod | Doubt::Estimate => "confirm.ask",
    };
    m.fill(key, &[("reading", &shown)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands_and_keep_cents_only_when_there_are_some() {
        assert_eq!(number(1500.0), "1,500");
        assert_eq!(number(1234567.891), "1,234,567.89");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(999.5), "999.50");
    }

    #[test]
    fn one_hour_is_singular_and_every_other_figure_plural() {
        let content = Content::built_in();
        let shown = |hours_per_week: f64| reading(&content, None, &Reading::hours(hours_per_week));
        assert_eq!(shown(1.0), "1 hour a week");
        assert_eq!(shown(1.01), "1 hour a week", "shown rounded, so said as 1");
        assert_eq!(shown(1.5), "1.5 hours a week");
        assert_eq!(shown(0.5), "0.5 hours a week");
        assert_eq!(shown(2.0), "2 hours a week");
        assert_eq!(shown(0.0), "0 hours a week");
        let confirm = |hours_per_week: f64| confirm(&content, None, &Reading::hours(hours_per_week), Doubt::NoPeriod);
        assert!(confirm(1.0).contains("1 hour a week ("), "{}", confirm(1.0));
        assert!(confirm(8.0).contains("8 hours a week ("), "{}", confirm(8.0));
    }

    #[test]
    fn one_year_and_one_month_are_singular_too() {
        let content = Content::built_in();
        let years = content.question("experience_years");
        let shown = |value: f64| reading(&content, years, &Reading::number_of(value));
        assert_eq!(shown(1.0), "1 year");
        assert_eq!(shown(3.0), "3 years");
        let months = |months: f64| {
            let plan = Reading::FailurePoint {
                per_month: None,
                months: Some(months),
                below: None,
                metric: None,
                below_period: None,
            };
            reading(&content, None, &plan)
        };
        assert!(months(1.0).contains("for 1 month"), "{}", months(1.0));
        assert!(months(6.0).contains("for 6 months"), "{}", months(6.0));
    }

    #[test]
    fn a_bound_is_said_back_as_a_bound_the_way_money_says_one() {
        let content = Content::built_in();
        let years = content.question("experience_years");
        let hours = |min: Option<f64>, max: Option<f64>| {
            let figure = max.or(min).unwrap_or(0.0);
            reading(
                &content,
                None,
                &Reading::Hours {
                    hours_per_week: figure,
                    min,
                    max,
                },
            )
        };
        assert_eq!(hours(None, Some(2.0)), "up to 2 hours a week");
        assert_eq!(hours(None, Some(1.0)), "up to 1 hour a week");
        assert_eq!(hours(Some(11.0), None), "at least 11 hours a week");
        let number = |min: Option<f64>, max: Option<f64>| {
            let value = max.or(min).unwrap_or(0.0);
            reading(&content, years, &Reading::Number { value, min, max })
        };
        assert_eq!(number(None, Some(1.0)), "up to 1 year");
        assert_eq!(number(Some(5.0), None), "at least 5 years");
        let budget = content.question("budget");
        let money = Reading::Money {
            amount: 300.0,
            min: None,
            max: Some(300.0),
            currency: None,
            per_month: None,
        };
        assert_eq!(reading(&content, budget, &money), "up to $300");
    }

    #[test]
    fn money_uses_the_currency_symbol_or_code() {
        assert_eq!(money(300.0, Some("GBP")), "£300");
        assert_eq!(money(300.0, None), "$300");
        assert_eq!(money(300.0, Some("CHF")), "300 CHF");
    }
}
