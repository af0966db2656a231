//! The advice's failure plan: the failure point, from the answers or proposed.

use super::*;

/// The months the owner's failure point gives, whole (as the check-ins hold the owner to them and
/// as the sums are shown) and at least one; an answer kept from before the failure point had
/// three parts is its months alone. The plan and the figures both read the months here.
pub(super) fn given_months(content: &Content, answers: &CountedAnswers) -> Option<f64> {
    let months = match answers.get(content.roles.failure_point.as_str())? {
        Reading::FailurePoint { months, .. } => *months,
        Reading::Number { value, .. } => Some(*value),
        _ => None,
    };
    months.map(f64::round).filter(|m| *m >= 1.0)
}

/// Article 002's failure point for an advice that pays someone: the owner's parts, and the rest
/// proposed from their budget, their success metric and their sale value (else 002's example).
pub(super) fn failure_plan(content: &Content, answers: &CountedAnswers, outcome: Outcome) -> Option<FailurePlan> {
    if outcome < Outcome::Consultant {
        return None;
    }
    let roles = &content.roles;
    let (given_spend, given_below, given_metric, below_period) = match answers.get(roles.failure_point.as_str()) {
        Some(Reading::FailurePoint {
            per_month,
            below,
            metric,
            below_period,
            ..
        }) => (*per_month, *below, *metric, *below_period),
        _ => (None, None, None, None),
    };
    let currency = match answers.get(roles.budget.as_str()) {
        Some(Reading::Money { currency, .. }) => currency.clone(),
        _ => None,
    };
    let mut parts = Parts::default();
    let fee = number(answers, &roles.provider_fee);
    let per_month = parts.spend(content, answers, given_spend, fee);
    let months = parts.months(content, answers);
    let (below, metric) = parts.line(
        content,
        answers,
        (given_below, given_metric, below_period),
        per_month,
        months,
    );
    let below_as_said = match (given_below, below_period) {
        (Some(said), Some(period)) if cents(said) != below => Some((said, period)),
        _ => None,
    };
    Some(FailurePlan {
        per_month,
        currency,
        months,
        below,
        metric,
        given: parts.given,
        proposed: parts.proposed,
        basis: parts.basis,
        below_as_said,
        from_today: fee.is_some(),
    })
}

/// An answered number above zero, to the cent, as the figures show it, so the plan and the
/// figures agree to the cent.
fn number(answers: &CountedAnswers, id: &str) -> Option<f64> {
    answers.get(id).and_then(|r| r.number()).map(cents).filter(|n| *n > 0.0)
}

/// Which parts of a failure plan the owner gave, which are proposed, and what the proposals rest on.
#[derive(Default)]
struct Parts {
    given: Vec<FailurePart>,
    proposed: Vec<FailurePart>,
    basis: Vec<FailureBasis>,
}

impl Parts {
    fn note(&mut self, b: FailureBasis) {
        if !self.basis.contains(&b) {
            self.basis.push(b);
        }
    }

    /// The spend a month: the owner's, else their budget, else what they pay a provider, else
    /// 002's example.
    fn spend(&mut self, content: &Content, answers: &CountedAnswers, given: Option<f64>, fee: Option<f64>) -> f64 {
        if let Some(spend) = given.map(cents).filter(|s| *s > 0.0) {
            self.given.push(FailurePart::Spend);
            return spend;
        }
        self.proposed.push(FailurePart::Spend);
        match number(answers, &content.roles.budget) {
            Some(budget) => {
                self.note(FailureBasis::Budget);
                budget
            }
            None if fee.is_some() => {
                self.note(FailureBasis::ProviderFee);
                fee.unwrap_or_default()
            }
            None => {
                self.note(FailureBasis::Example);
                content.fact("failure_budget").and_then(|f| f.value).unwrap_or(0.0)
            }
        }
    }

    /// The months: the owner's, else the assumption (002's example).
    fn months(&mut self, content: &Content, answers: &CountedAnswers) -> f64 {
        if let Some(months) = given_months(content, answers) {
            self.given.push(FailurePart::Months);
            return months;
        }
        self.proposed.push(FailurePart::Months);
        self.note(FailureBasis::Example);
        content.assumption("default_months")
    }

    /// The line below which to stop and its metric: the owner's (in the metric's period), else
    /// sales that pay back the spend (with a sale value), else 002's followers scaled to this
    /// spend and time.
    fn line(
        &mut self,
        content: &Content,
        answers: &CountedAnswers,
        (given_below, given_metric, below_period): (Option<f64>, Option<Metric>, Option<ResultPeriod>),
        per_month: f64,
        months: f64,
    ) -> (f64, Metric) {
        let sale_value = number(answers, &content.roles.sale_value);
        let success = answers
            .get(content.roles.success_metric.as_str())
            .and_then(|r| r.ids().into_iter().next());
        let chosen_metric = || match success.as_deref() {
            Some(Roles::FOLLOWERS) => Some(Metric::Followers),
            Some(Roles::LEADS_SALES) => Some(if sale_value.is_some() {
                Metric::Sales
            } else {
                Metric::Leads
            }),
            _ => None,
        };
        if let Some(below) = given_below {
            self.given.push(FailurePart::Result);
            let metric = given_metric.or_else(chosen_metric).unwrap_or(Metric::Followers);
            return (in_metric_period(below, below_period, metric, months), metric);
        }
        self.proposed.push(FailurePart::Result);
        let metric = match given_metric.or_else(chosen_metric) {
            Some(metric) => {
                if given_metric.is_none() {
                    self.note(FailureBasis::SuccessMetric);
                }
                metric
            }
            None if sale_value.is_some() => Metric::Sales,
            None => Metric::Followers,
        };
        match (metric, sale_value) {
            // Sales (or leads) a month that at least pay back the spend.
            (Metric::Sales | Metric::Leads, Some(sale)) => {
                self.note(FailureBasis::SaleValue);
                (fewest(per_month, sale), metric)
            }
            // 002's example scaled to this spend and time.
            _ => {
                self.note(FailureBasis::Example);
                (followers_line(content, per_month, months), Metric::Followers)
            }
        }
    }
}

/// The owner's failure line in the period its metric is counted in (sales and leads a month,
/// followers in all), so that the plan, the targets and the check-ins compare like with like:
/// "under 20 new patients in all over 6 months" is a line of 3.33 sales a month, and "under 100
/// followers a month" over 6 months one of 600 followers in all. A line given in its metric's own
/// period, or with no period, is kept as it is.
pub(super) fn in_metric_period(below: f64, period: Option<ResultPeriod>, metric: Metric, months: f64) -> f64 {
    match (metric, period) {
        (Metric::Sales | Metric::Leads, Some(ResultPeriod::InAll)) if months >= 1.0 => cents(below / months),
        (Metric::Followers, Some(ResultPeriod::Month)) => cents(below * months),
        _ => below,
    }
}

/// The fewest of something worth `each` that add up to `amount` (at least one): sales that pay
/// back a spend. A quotient a hair over a whole number from floating point stays that number.
pub(super) fn fewest(amount: f64, each: f64) -> f64 {
    (amount / each - 1e-9).ceil().max(1.0)
}

/// Article 002's failure-point example (10,000 followers for $1,000 a month over 6 months)
/// scaled to `per_month` for `months`: the followers below which to stop, worked out here for
/// the failure point and the success target alike.
pub(super) fn followers_line(content: &Content, per_month: f64, months: f64) -> f64 {
    let reference = content.assumption("reference_budget") * content.assumption("reference_months");
    if reference > 0.0 {
        round_to_nice(content.assumption("reference_followers") * per_month * months / reference)
    } else {
        0.0
    }
}

/// An amount to the cent: figures show cents only where there are some, and every sum is worked
/// out from the amounts as shown, so a calculator gets the same answer.
pub(super) fn cents(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Where the figure read from `reading` (the answer to `question`) came from. `monthly`: the
/// question asks for an amount a month, so an amount with no period is taken as a month's.
pub(super) fn origin_of(question: &str, reading: &Reading, monthly: bool) -> Origin {
    let question = question.to_owned();
    let (min, max) = match reading {
        Reading::Money { min, max, .. } | Reading::Hours { min, max, .. } | Reading::Number { min, max, .. } => {
            (*min, *max)
        }
        _ => (None, None),
    };
    // A yearly (or weekly) amount is used as a month's: its range's ends are shown as a month's too.
    let factor = match reading {
        Reading::Money {
            amount,
            per_month: Some(per_month),
            ..
        } if *amount > 0.0 => per_month / amount,
        _ => 1.0,
    };
    match (min, max) {
        (Some(low), Some(high)) if low < high => Origin::RangeMiddle {
            question,
            low: cents(low * factor),
            high: cents(high * factor),
        },
        (None, Some(_)) | (Some(_), None) => Origin::Read { question },
        _ if factor != 1.0 => Origin::Read { question },
        _ if monthly && matches!(reading, Reading::Money { per_month: None, .. }) => Origin::PeriodAssumed { question },
        _ => Origin::Typed { question },
    }
}
