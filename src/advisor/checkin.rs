//! Check-ins at the failure point (article 002): the owner's own rule, held to each month.
//!
//! Article 002 says to agree a failure point before paying anyone: a spend a month, a number of
//! months, and the result below which to stop. This module turns that rule into a [`Plan`],
//! schedules check-ins against it ([`CheckinRecord`]: monthly or every two weeks until the last
//! month, once more at the end, one catch-up after downtime) and judges the logged numbers
//! ([`progress`]). Like the rest of the core it is pure: times are handed in as seconds since the
//! Unix epoch (the fronts own the clock), figures come from data/ through [`CheckinRules`], and it
//! returns data that the fronts turn into sentences with prompts/.

use serde::{Deserialize, Serialize};

use super::advice::{Advice, FailurePart};
use super::content::{Content, Outcome};
use super::read::{Metric, Reading};

pub(crate) const DAY: u64 = 86_400;

/// The longest plan the calendar arithmetic is asked about (a guard, not a rule: 100 years).
const MAX_MONTHS: u32 = 1_200;

/// The figures check-ins work with, from data/checklist.toml's `[assumptions]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CheckinRules {
    /// How long "Snooze a week" puts a check-in off.
    pub snooze_days: f64,
    /// A check-in this close before a slot counts for it (so a day-early log is not asked again).
    pub grace_days: f64,
    /// The share above plan that spend may run before it is called over plan.
    pub spend_tolerance: f64,
    /// The days between check-ins when the owner asked for every two weeks.
    pub two_weeks_days: f64,
    /// How many check-ins with the metric logged a pace needs before it is judged: with fewer,
    /// the verdict is "too early to judge" (one point is not a pace).
    pub judge_after: f64,
}

impl CheckinRules {
    /// The names `check` requires in `[assumptions]`.
    pub(crate) const ASSUMPTIONS: [&'static str; 5] = [
        "checkin_snooze_days",
        "checkin_grace_days",
        "checkin_spend_tolerance",
        "checkin_two_weeks_days",
        "checkin_judge_after",
    ];

    pub fn from_content(content: &Content) -> Self {
        CheckinRules {
            snooze_days: content.assumption("checkin_snooze_days"),
            grace_days: content.assumption("checkin_grace_days"),
            spend_tolerance: content.assumption("checkin_spend_tolerance"),
            two_weeks_days: content.assumption("checkin_two_weeks_days"),
            judge_after: content.assumption("checkin_judge_after"),
        }
    }

    fn grace(&self) -> u64 {
        days(self.grace_days)
    }
}

fn days(n: f64) -> u64 {
    if n.is_finite() && n > 0.0 {
        (n * DAY as f64).round() as u64
    } else {
        0
    }
}

/// The three parts of a failure point (the result line has two: a number and its metric).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    PerMonth,
    Months,
    Below,
    Metric,
}

/// Parts of a failure point proposed for the owner where they left them out (the advice proposes
/// them from the budget, the success metric and the sale value).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Proposal {
    pub per_month: Option<f64>,
    pub months: Option<f64>,
    pub below: Option<f64>,
    pub metric: Option<Metric>,
}

/// The owner's rule: `per_month` for `months` months from `started`, and stop if `metric` is
/// still below `below` by then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub per_month: f64,
    pub months: u32,
    pub below: f64,
    pub metric: Metric,
    /// What a typical sale is worth, for the return so far; None when the owner did not say.
    #[serde(default)]
    pub sale_value: Option<f64>,
    /// ISO 4217 code of the amounts, as the budget was given.
    #[serde(default)]
    pub currency: Option<String>,
    /// The parts that were proposed rather than given by the owner.
    #[serde(default)]
    pub proposed: Vec<Part>,
    /// When the plan (and the spend) started, seconds since the epoch.
    pub started: u64,
}

/// Why there is no plan: the failure point's parts that neither the owner nor a proposal gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct NoPlan {
    pub missing: Vec<Part>,
}

impl Plan {
    /// The plan from a failure point reading ([`Reading::FailurePoint`]; any other reading gives
    /// nothing), each missing part taken from `proposal`. Every part must end up known and
    /// sensible (a spend not negative, at least one month, a line above zero).
    pub(crate) fn from_failure_point(
        reading: Option<&Reading>,
        proposal: &Proposal,
        sale_value: Option<f64>,
        currency: Option<String>,
        started: u64,
    ) -> Result<Plan, NoPlan> {
        let (given_per_month, given_months, given_below, given_metric) = match reading {
            Some(Reading::FailurePoint {
                per_month,
                months,
                below,
                metric,
                ..
            }) => (*per_month, *months, *below, *metric),
            _ => (None, None, None, None),
        };
        let mut proposed = Vec::new();
        let mut missing = Vec::new();
        let mut part = |given: Option<f64>, offered: Option<f64>, which: Part, ok: fn(f64) -> bool| match (
            given.filter(|n| ok(*n)),
            offered.filter(|n| ok(*n)),
        ) {
            (Some(n), _) => Some(n),
            (None, Some(n)) => {
                proposed.push(which);
                Some(n)
            }
            (None, None) => {
                missing.push(which);
                None
            }
        };
        let per_month = part(given_per_month, proposal.per_month, Part::PerMonth, |n| {
            n.is_finite() && n >= 0.0
        });
        let months = part(given_months, proposal.months, Part::Months, |n| {
            n.is_finite() && n.round() >= 1.0 && n <= f64::from(MAX_MONTHS)
        });
        let below = part(given_below, proposal.below, Part::Below, |n| n.is_finite() && n > 0.0);
        let metric = match (given_metric, proposal.metric) {
            (Some(m), _) => Some(m),
            (None, Some(m)) => {
                proposed.push(Part::Metric);
                Some(m)
            }
            (None, None) => {
                missing.push(Part::Metric);
                None
            }
        };
        match (per_month, months, below, metric) {
            (Some(per_month), Some(months), Some(below), Some(metric)) => Ok(Plan {
                per_month,
                months: months.round() as u32,
                below,
                metric,
                sale_value: sale_value.filter(|s| s.is_finite() && *s > 0.0),
                currency,
                proposed,
                started,
            }),
            _ => Err(NoPlan { missing }),
        }
    }

    /// When the last month ends: the final check-in.
    pub fn end(&self) -> u64 {
        add_months(self.started, self.months)
    }

    /// The whole spend the rule allows.
    pub fn total(&self) -> f64 {
        self.per_month * f64::from(self.months)
    }
}

/// What a plan is made from: the advice's failure point ([`FailurePlan`]) split into the parts
/// the owner gave (as a [`Reading::FailurePoint`]) and the parts the advice proposed, and the
/// sale value (for the return so far). The advice and the check-ins hold the owner to the same
/// rule because the check-ins read it from the advice rather than work it out again.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlanInputs {
    pub failure_point: Option<Reading>,
    pub proposal: Proposal,
    pub sale_value: Option<f64>,
    pub currency: Option<String>,
}

impl PlanInputs {
    /// True when the advice for `outcome` has a failure point at all: the checklist's
    /// `failure_point` line is shown for it (outcomes that pay someone; data/checklist.toml).
    pub(crate) fn applies_to(content: &Content, outcome: Outcome) -> bool {
        content
            .checklist
            .iter()
            .find(|item| item.id == super::advice::FAILURE_ITEM)
            .is_some_and(|item| item.outcomes.is_empty() || item.outcomes.contains(&outcome))
    }

    /// The inputs from `advice.failure_point` (advice without one gives a plan of nothing, whose
    /// [`PlanInputs::plan`] names every part missing) and the sale value among the answers.
    pub(crate) fn from_advice(advice: &Advice) -> PlanInputs {
        // The advice's own figure (a range's middle, to the cent), not the answer read again.
        let sale_value = advice
            .figures
            .get("sale_value")
            .and_then(super::advice::Figure::value)
            .filter(|n| *n > 0.0);
        let Some(fp) = &advice.failure_point else {
            return PlanInputs {
                failure_point: None,
                proposal: Proposal::default(),
                sale_value,
                currency: None,
            };
        };
        let given = |part: FailurePart| fp.given.contains(&part);
        let split = |part: FailurePart, value: f64| {
            if given(part) {
                (Some(value), None)
            } else {
                (None, Some(value))
            }
        };
        let (per_month, offered_per_month) = split(FailurePart::Spend, fp.per_month);
        let (months, offered_months) = split(FailurePart::Months, fp.months);
        let (below, offered_below) = split(FailurePart::Result, fp.below);
        let (metric, offered_metric) = if given(FailurePart::Result) {
            (Some(fp.metric), None)
        } else {
            (None, Some(fp.metric))
        };
        PlanInputs {
            failure_point: Some(Reading::FailurePoint {
                per_month,
                months,
                below,
                metric,
                below_period: None,
            }),
            proposal: Proposal {
                per_month: offered_per_month,
                months: offered_months,
                below: offered_below,
                metric: offered_metric,
            },
            sale_value,
            currency: fp.currency.clone(),
        }
    }

    pub fn plan(&self, started: u64) -> Result<Plan, NoPlan> {
        Plan::from_failure_point(
            self.failure_point.as_ref(),
            &self.proposal,
            self.sale_value,
            self.currency.clone(),
            started,
        )
    }
}

/// How often check-ins come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Every {
    #[default]
    Month,
    TwoWeeks,
}

/// One logged check-in: what was spent since the last one, and the results. Followers are a
/// count now; leads and sales are this month's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Checkin {
    pub at: u64,
    pub spend: Option<f64>,
    pub followers: Option<f64>,
    pub leads: Option<f64>,
    pub sales: Option<f64>,
}

impl Checkin {
    pub fn value(&self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::Followers => self.followers,
            Metric::Leads => self.leads,
            Metric::Sales => self.sales,
        }
    }
}

/// A user's check-ins: the plan, whether they are on, when the next is due, and the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckinRecord {
    pub plan: Plan,
    pub on: bool,
    #[serde(default)]
    pub every: Every,
    /// When the next check-in is due; None when they are off or the last one has been.
    pub next_due: Option<u64>,
    #[serde(default)]
    pub log: Vec<Checkin>,
    /// When a check-in could not be delivered because the owner does not take DMs from the bot
    /// (Discord's error 50007); the owner is told at their next `/assess` or `/progress`, which
    /// clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dms_closed: Option<u64>,
}

impl CheckinRecord {
    /// Check-ins turned on for `plan` at `now`: the first is due one period after the start.
    pub fn start(plan: Plan, every: Every, now: u64, rules: &CheckinRules) -> CheckinRecord {
        let mut record = CheckinRecord {
            plan,
            on: true,
            every,
            next_due: None,
            log: Vec::new(),
            dms_closed: None,
        };
        record.next_due = record.slot_after(now, rules);
        record
    }

    /// Turns check-ins back on (keeping the log), from the next slot after `now`.
    pub fn turn_on(&mut self, every: Every, now: u64, rules: &CheckinRules) {
        self.on = true;
        self.every = every;
        self.next_due = self.slot_after(now, rules);
    }

    /// Turns them off: nothing is due; the plan and the log stay until `forget`.
    pub fn turn_off(&mut self) {
        self.on = false;
        self.next_due = None;
    }

    /// Every time a check-in is due, in order: each period from the start while before the end,
    /// and the end itself.
    pub(crate) fn slots(&self, rules: &CheckinRules) -> Vec<u64> {
        let end = self.plan.end();
        let mut slots = Vec::new();
        match self.every {
            Every::Month => slots.extend((1..self.plan.months).map(|k| add_months(self.plan.started, k))),
            Every::TwoWeeks => {
                let step = days(rules.two_weeks_days).max(DAY);
                let mut at = self.plan.started + step;
                while at < end {
                    slots.push(at);
                    at += step;
                }
            }
        }
        slots.push(end);
        slots
    }

    /// The first slot more than the grace after `at`: a log a little early counts for its slot.
    fn slot_after(&self, at: u64, rules: &CheckinRules) -> Option<u64> {
        let after = at.saturating_add(rules.grace());
        self.slots(rules).into_iter().find(|&slot| slot > after)
    }

    /// True when a check-in is due at `now` (the store's due index answers this in production;
    /// the unit tests state the schedule through it).
    #[cfg(test)]
    fn is_due(&self, now: u64) -> bool {
        self.on && self.next_due.is_some_and(|due| due <= now)
    }

    /// Logs a check-in; the next one is the next slot after it, however many were missed.
    pub fn log(&mut self, checkin: Checkin, rules: &CheckinRules) {
        let at = checkin.at;
        let place = self.log.partition_point(|c| c.at <= at);
        self.log.insert(place, checkin);
        if self.on {
            self.next_due = self.slot_after(at, rules);
        }
    }

    /// A check-in was sent at `now` (the scheduler, after its claim): after downtime that is the
    /// one catch-up, and the next is the next slot after now, not each missed one in turn.
    pub fn sent(&mut self, now: u64, rules: &CheckinRules) {
        if self.on {
            self.next_due = self.slot_after(now, rules);
        }
    }

    /// "Snooze a week": the check-in comes back `snooze_days` after now. Once this period's
    /// check-in is logged there is nothing left to snooze: an old DM's *Snooze* pressed after
    /// logging changes nothing (it used to bring the next check-in back sooner).
    pub fn snooze(&mut self, now: u64, rules: &CheckinRules) {
        if !self.on || self.logged_this_period(now, rules) {
            return;
        }
        self.next_due = Some(now + days(rules.snooze_days).max(1));
    }

    /// True when a check-in was logged since the latest slot at or before `now` (within the
    /// grace a log just before its slot is given).
    pub fn logged_this_period(&self, now: u64, rules: &CheckinRules) -> bool {
        let Some(slot) = self.slots(rules).into_iter().rfind(|&slot| slot <= now) else {
            return false;
        };
        let from = slot.saturating_sub(rules.grace());
        self.log.iter().any(|c| c.at >= from && c.at <= now)
    }
}

/// The verdict, from the owner's own rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanVerdict {
    /// Before the last month, with fewer check-ins of the metric than a pace needs
    /// ([`CheckinRules::judge_after`]): nothing is judged yet, only what was logged is said.
    TooEarly,
    /// Before the last month, the pace so far reaches the line by then.
    OnTrack,
    /// Before the last month, the pace so far falls short of the line.
    Behind,
    /// At or after the last month, below the line: by the owner's rule, stop or change course.
    FailurePointReached,
    /// At or after the last month, at or above the line.
    Passed,
    /// No failure point to judge by.
    NoPlan,
}

impl PlanVerdict {
    pub fn id(self) -> &'static str {
        match self {
            PlanVerdict::TooEarly => "too_early",
            PlanVerdict::OnTrack => "on_track",
            PlanVerdict::Behind => "behind",
            PlanVerdict::FailurePointReached => "failure_point_reached",
            PlanVerdict::Passed => "passed",
            PlanVerdict::NoPlan => "no_plan",
        }
    }
}

/// What would put the owner back on track, as figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackOnTrack {
    /// Months left until the last month ends.
    pub months_left: f64,
    /// How much the metric must rise each month from here to reach the line by then.
    pub rise_per_month: Option<f64>,
    /// The spend a month that keeps the total within plan (when spend runs over it).
    pub spend_per_month: Option<f64>,
}

/// One logged check-in as progress shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub at: u64,
    /// Months since the plan started (whole calendar months plus the share of the next).
    #[serde(default)]
    pub month: f64,
    pub spend: Option<f64>,
    pub value: Option<f64>,
}

/// The pace: the straight line through the logged values (least squares over the months since
/// the start), `value = start + per_month × month`. What the verdict projects to the last month
/// and what the chart draws, so the text and the chart agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pace {
    pub start: f64,
    pub per_month: f64,
    /// The check-ins it was drawn through.
    pub checkins: usize,
    /// The month of the first of them, where the chart starts the line.
    pub from_month: f64,
}

impl Pace {
    /// The line's value at `month` (never below nothing: a count cannot be negative).
    pub fn at(&self, month: f64) -> f64 {
        (self.start + self.per_month * month).max(0.0)
    }

    /// The least-squares line through `(month, value)` points; None with fewer than two distinct
    /// months.
    fn through(points: &[(f64, f64)]) -> Option<Pace> {
        let n = points.len() as f64;
        if points.len() < 2 {
            return None;
        }
        let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
        let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
        let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
        if sxx <= f64::EPSILON {
            return None;
        }
        let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
        let per_month = sxy / sxx;
        Some(Pace {
            start: mean_y - per_month * mean_x,
            per_month,
            checkins: points.len(),
            from_month: points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min),
        })
    }
}

/// The progress view model: every check-in, the verdict and the figures behind it. The fronts
/// render it (the terminal as text and `progress --json`, Discord as an embed and a chart).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressReport {
    pub status: PlanVerdict,
    /// The month of the plan it is (1 to `of`); 0 with no plan.
    pub month: u32,
    pub of: u32,
    pub spent: f64,
    /// What the plan allows up to this month.
    pub planned: f64,
    pub total: f64,
    pub metric: Option<Metric>,
    /// The metric's latest logged value.
    pub value: Option<f64>,
    /// Where the pace so far would take the metric by the last month (before it).
    pub projected: Option<f64>,
    /// The line the projection follows (None until there are enough check-ins to judge).
    #[serde(default)]
    pub pace: Option<Pace>,
    /// Check-ins logged with a value of the metric, and how many a pace needs.
    #[serde(default)]
    pub logged: usize,
    #[serde(default)]
    pub needed: usize,
    pub stop_below: Option<f64>,
    /// Sales so far times the sale value; None without a sale value or any sales logged.
    #[serde(rename = "return")]
    pub returned: Option<f64>,
    /// The sales and the sale value the return is their product of, so the text can show the sum.
    #[serde(default)]
    pub sales: Option<f64>,
    #[serde(default)]
    pub sale_value: Option<f64>,
    pub spend_over_plan: bool,
    pub back_on_track: Option<BackOnTrack>,
    /// The parts of the rule that were proposed rather than the owner's own.
    pub proposed: Vec<Part>,
    pub currency: Option<String>,
    pub checkins: Vec<Point>,
    pub on: bool,
    pub next_due: Option<u64>,
}

/// Judges the check-ins at `now`. `record` None (or without a plan) is [`PlanVerdict::NoPlan`]; `log`
/// is what was logged without a plan, so it still shows.
pub(crate) fn progress(record: Option<&CheckinRecord>, now: u64, rules: &CheckinRules) -> ProgressReport {
    let Some(record) = record else {
        return no_plan();
    };
    let plan = &record.plan;
    let metric = plan.metric;
    let grace = rules.grace();
    let completed = months_completed(plan.started, now.saturating_add(grace));
    let month = completed.clamp(1, plan.months);
    let planned = plan.per_month * f64::from(month);
    let spent: f64 = record.log.iter().filter_map(|c| c.spend).sum();
    let latest = record.log.iter().rev().find_map(|c| c.value(metric).map(|v| (c.at, v)));
    let value = latest.map(|(_, v)| v);
    let sales: Vec<f64> = record.log.iter().filter_map(|c| c.sales).collect();
    let returned = plan
        .sale_value
        .filter(|_| !sales.is_empty())
        .map(|sale| sales.iter().sum::<f64>() * sale);

    let last_month = completed >= plan.months;
    // The metric's logged values, by the months since the start: what a pace is drawn through.
    let values: Vec<(f64, f64)> = record
        .log
        .iter()
        .filter_map(|c| c.value(metric).map(|v| (months_between(plan.started, c.at), v)))
        .collect();
    let needed = (rules.judge_after.max(2.0).round() as usize).max(2);
    let (status, projected, pace) = verdict(plan, last_month, value, &values, needed);
    let spend_over_plan = spent > planned * (1.0 + rules.spend_tolerance.max(0.0)) + 0.005;
    let months_left = (f64::from(plan.months) - months_between(plan.started, now)).max(0.0);
    let back_on_track = back_on_track(
        plan,
        status == PlanVerdict::Behind,
        spend_over_plan,
        (spent, value),
        months_left,
    );
    ProgressReport {
        status,
        month,
        of: plan.months,
        spent,
        planned,
        total: plan.total(),
        metric: Some(metric),
        value,
        projected,
        pace,
        logged: values.len(),
        needed,
        stop_below: Some(plan.below),
        returned,
        sales: returned.map(|_| sales.iter().sum()),
        sale_value: returned.and(plan.sale_value),
        spend_over_plan,
        back_on_track,
        proposed: plan.proposed.clone(),
        currency: plan.currency.clone(),
        checkins: record
            .log
            .iter()
            .map(|c| Point {
                at: c.at,
                month: months_between(plan.started, c.at),
                spend: c.spend,
                value: c.value(metric),
            })
            .collect(),
        on: record.on,
        next_due: record.next_due,
    }
}

/// The report with no plan to judge by.
fn no_plan() -> ProgressReport {
    ProgressReport {
        status: PlanVerdict::NoPlan,
        month: 0,
        of: 0,
        spent: 0.0,
        planned: 0.0,
        total: 0.0,
        metric: None,
        value: None,
        projected: None,
        pace: None,
        logged: 0,
        needed: 0,
        stop_below: None,
        returned: None,
        sales: None,
        sale_value: None,
        spend_over_plan: false,
        back_on_track: None,
        proposed: Vec::new(),
        currency: None,
        checkins: Vec::new(),
        on: false,
        next_due: None,
    }
}

/// The verdict, the projection and the pace: in the last month the owner's own rule (the latest
/// value against the line), before it the pace so far carried to the last month.
fn verdict(
    plan: &Plan,
    last_month: bool,
    value: Option<f64>,
    values: &[(f64, f64)],
    needed: usize,
) -> (PlanVerdict, Option<f64>, Option<Pace>) {
    if last_month {
        // The final verdict is the owner's own rule: the latest value against the line.
        if value.unwrap_or(0.0) < plan.below {
            (PlanVerdict::FailurePointReached, None, None)
        } else {
            (PlanVerdict::Passed, None, None)
        }
    } else {
        // The pace so far: the straight line through the logged values, carried to the last
        // month. One value (or none) is not a pace: too early to judge.
        match Pace::through(values).filter(|_| values.len() >= needed) {
            None => (PlanVerdict::TooEarly, None, None),
            Some(pace) => {
                let projected = pace.at(f64::from(plan.months));
                let status = if projected >= plan.below {
                    PlanVerdict::OnTrack
                } else {
                    PlanVerdict::Behind
                };
                (status, Some(projected), Some(pace))
            }
        }
    }
}

/// What would put the owner back on track, when behind or over the spend and months are left:
/// the rise a month the metric needs, the spend a month that keeps the total within plan.
fn back_on_track(
    plan: &Plan,
    behind: bool,
    spend_over_plan: bool,
    (spent, value): (f64, Option<f64>),
    months_left: f64,
) -> Option<BackOnTrack> {
    if (behind || spend_over_plan) && months_left > 0.0 {
        let rise = behind.then(|| ((plan.below - value.unwrap_or(0.0)) / months_left.max(1.0)).max(0.0));
        let spend = spend_over_plan.then(|| ((plan.total() - spent) / months_left.max(1.0)).max(0.0));
        Some(BackOnTrack {
            months_left,
            rise_per_month: rise,
            spend_per_month: spend,
        })
    } else {
        None
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (the inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    let next = if month == 12 {
        days_from_civil(year + 1, 1, 1)
    } else {
        days_from_civil(year, month + 1, 1)
    };
    (next - days_from_civil(year, month, 1)) as u32
}

/// `start` plus `months` calendar months (UTC, time of day kept), the day clamped to the month's
/// length: 31 January plus one month is 28 (or 29) February.
pub(crate) fn add_months(start: u64, months: u32) -> u64 {
    let day_count = (start / DAY) as i64;
    let time_of_day = start % DAY;
    let (year, month, day) = civil_from_days(day_count);
    let index = i64::from(month - 1) + i64::from(months);
    let (year, month) = (year + index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
    let day = day.min(days_in_month(year, month));
    (days_from_civil(year, month, day) as u64) * DAY + time_of_day
}

/// How many whole calendar months from `start` have passed at `at`.
fn months_completed(start: u64, at: u64) -> u32 {
    (0..MAX_MONTHS)
        .find(|&m| add_months(start, m + 1) > at)
        .unwrap_or(MAX_MONTHS)
}

/// The months from `start` to `at`, whole calendar months plus the share of the next.
fn months_between(start: u64, at: u64) -> f64 {
    if at <= start {
        return 0.0;
    }
    let whole = months_completed(start, at);
    let from = add_months(start, whole);
    let to = add_months(start, whole + 1);
    f64::from(whole) + (at - from) as f64 / (to - from).max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-01-01T00:00:00Z.
    const JAN_1: u64 = 1_767_225_600;

    fn rules() -> CheckinRules {
        CheckinRules {
            snooze_days: 7.0,
            grace_days: 3.0,
            spend_tolerance: 0.1,
            two_weeks_days: 14.0,
            judge_after: 2.0,
        }
    }

    fn plan(metric: Metric, below: f64) -> Plan {
        Plan {
            per_month: 1000.0,
            months: 6,
            below,
            metric,
            sale_value: Some(100.0),
            currency: None,
            proposed: Vec::new(),
            started: JAN_1,
        }
    }

    /// A date, for reading the tests: `date(2026, 3, 1)`.
    fn date(year: i64, month: u32, day: u32) -> u64 {
        days_from_civil(year, month, day) as u64 * DAY
    }

    #[test]
    fn only_advice_that_pays_someone_has_a_failure_point_to_hold_to() {
        let content = Content::built_in();
        assert!(!PlanInputs::applies_to(&content, Outcome::NotYet));
        assert!(!PlanInputs::applies_to(&content, Outcome::InHouse));
        for outcome in [Outcome::Consultant, Outcome::Partial, Outcome::Full] {
            assert!(PlanInputs::applies_to(&content, outcome), "{outcome:?}");
        }
    }

    #[test]
    fn the_plan_is_the_advices_failure_point_with_its_proposed_parts_named() {
        let advice = Advice {
            failure_point: Some(super::super::advice::FailurePlan {
                per_month: 800.0,
                currency: Some("EUR".into()),
                months: 6.0,
                below: 7.0,
                metric: Metric::Sales,
                given: vec![FailurePart::Months],
                proposed: vec![FailurePart::Spend, FailurePart::Result],
                basis: Vec::new(),
                below_as_said: None,
                from_today: false,
            }),
            ..Advice::default()
        };
        let plan = PlanInputs::from_advice(&advice).plan(JAN_1).unwrap();
        assert_eq!((plan.per_month, plan.months, plan.below), (800.0, 6, 7.0));
        assert_eq!((plan.metric, plan.currency.as_deref()), (Metric::Sales, Some("EUR")));
        assert_eq!(plan.proposed, [Part::PerMonth, Part::Below, Part::Metric]);

        let none = PlanInputs::from_advice(&Advice::default()).plan(JAN_1);
        assert_eq!(
            none.unwrap_err().missing,
            [Part::PerMonth, Part::Months, Part::Below, Part::Metric]
        );
    }

    #[test]
    fn calendar_months_are_added_with_the_day_clamped() {
        assert_eq!(date(2026, 1, 1), JAN_1);
        assert_eq!(add_months(JAN_1, 1), date(2026, 2, 1));
        assert_eq!(add_months(JAN_1, 12), date(2027, 1, 1));
        assert_eq!(add_months(date(2026, 1, 31), 1), date(2026, 2, 28));
        assert_eq!(add_months(date(2028, 1, 31), 1), date(2028, 2, 29));
        assert_eq!(add_months(date(2026, 11, 30) + 3600, 3), date(2027, 2, 28) + 3600);
        for days in [-1000, 0, 59, 365, 20_000, 100_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(months_completed(JAN_1, date(2026, 3, 1) - 1), 1);
        assert_eq!(months_completed(JAN_1, date(2026, 3, 1)), 2);
        assert!((months_between(JAN_1, date(2026, 2, 15)) - 1.5).abs() < 1e-9);
    }

    #[test]
    fn the_plan_takes_the_owners_parts_and_the_proposal_for_the_rest() {
        let reading = Reading::FailurePoint {
            per_month: None,
            months: Some(6.0),
            below: None,
            metric: None,
            below_period: None,
        };
        let proposal = Proposal {
            per_month: Some(600.0),
            months: Some(3.0),
            below: Some(10.0),
            metric: Some(Metric::Sales),
        };
        let plan = Plan::from_failure_point(Some(&reading), &proposal, Some(60.0), None, JAN_1).unwrap();
        assert_eq!((plan.per_month, plan.months, plan.below), (600.0, 6, 10.0));
        assert_eq!(plan.metric, Metric::Sales);
        assert_eq!(plan.proposed, [Part::PerMonth, Part::Below, Part::Metric]);

        let missing = Plan::from_failure_point(Some(&reading), &Proposal::default(), None, None, JAN_1);
        assert_eq!(
            missing,
            Err(NoPlan {
                missing: vec![Part::PerMonth, Part::Below, Part::Metric]
            })
        );
        // Nonsense parts are not taken: zero months, a line of nothing.
        let zero = Reading::FailurePoint {
            per_month: Some(500.0),
            months: Some(0.0),
            below: Some(0.0),
            metric: Some(Metric::Leads),
            below_period: None,
        };
        let err = Plan::from_failure_point(Some(&zero), &Proposal::default(), None, None, JAN_1).unwrap_err();
        assert_eq!(err.missing, [Part::Months, Part::Below]);
        assert!(Plan::from_failure_point(None, &Proposal::default(), None, None, JAN_1).is_err());
    }

    #[test]
    fn monthly_check_ins_run_until_the_last_month_and_two_weekly_end_once_more_at_the_end() {
        let monthly = CheckinRecord::start(plan(Metric::Sales, 10.0), Every::Month, JAN_1, &rules());
        let expected: Vec<u64> = (2..=7).map(|m| date(2026, m, 1)).collect();
        assert_eq!(monthly.slots(&rules()), expected);
        assert_eq!(monthly.next_due, Some(date(2026, 2, 1)));

        let fortnightly = CheckinRecord::start(plan(Metric::Sales, 10.0), Every::TwoWeeks, JAN_1, &rules());
        let slots = fortnightly.slots(&rules());
        assert_eq!(slots[0], JAN_1 + 14 * DAY);
        assert!(slots.windows(2).all(|w| w[0] < w[1]));
        // Every two weeks to the end (181 days: 12 fortnights fit), then the end itself.
        assert_eq!(slots.len(), 13);
        assert_eq!(*slots.last().unwrap(), date(2026, 7, 1));
        assert!(slots[11] < date(2026, 7, 1));
    }

    #[test]
    fn a_log_moves_to_the_next_slot_and_an_early_log_counts_for_its_own() {
        let mut record = CheckinRecord::start(plan(Metric::Sales, 10.0), Every::Month, JAN_1, &rules());
        assert!(!record.is_due(date(2026, 1, 31)));
        assert!(record.is_due(date(2026, 2, 1)));
        // Two days early: it counts for 1 February, and the next is 1 March.
        record.log(
            Checkin {
                at: date(2026, 1, 30),
                ..Checkin::default()
            },
            &rules(),
        );
        assert_eq!(record.next_due, Some(date(2026, 3, 1)));
        assert!(!record.is_due(date(2026, 2, 1)));
    }

    #[test]
    fn after_downtime_there_is_one_catch_up_not_one_per_missed_period() {
        let mut record = CheckinRecord::start(plan(Metric::Sales, 10.0), Every::Month, JAN_1, &rules());
        // Down from January to mid-April: three slots missed, and one check-in is due.
        let back = date(2026, 4, 15);
        assert!(record.is_due(back));
        record.sent(back, &rules());
        assert_eq!(record.next_due, Some(date(2026, 5, 1)));
        assert!(!record.is_due(back));
        // Down past the end: the catch-up is the last check-in, then nothing more is due.
        record.sent(date(2026, 9, 1), &rules());
        assert_eq!(record.next_due, None);
        assert!(!record.is_due(date(2027, 1, 1)));
    }

    #[test]
    fn snooze_puts_it_off_a_week_and_off_ends_it() {
        let mut record = CheckinRecord::start(plan(Metric::Sales, 10.0), Every::Month, JAN_1, &rules());
        let now = date(2026, 2, 1) + 3600;
        record.snooze(now, &rules());
        assert_eq!(record.next_due, Some(now + 7 * DAY));
        assert!(!record.is_due(now + 7 * DAY - 1));
        assert!(record.is_due(now + 7 * DAY));
        record.turn_off();
        assert!(!record.is_due(date(2027, 1, 1)));
        record.snooze(now, &rules());
        assert_eq!(record.next_due, None, "snoozing what is off turns nothing on");
        record.turn_on(Every::TwoWeeks, now, &rules());
        assert_eq!(record.next_due, Some(JAN_1 + 6 * 7 * DAY));
    }

    /// Issue 30: a month logged moves the next check-in to the next slot; an old DM's *Snooze*
    /// pressed after that moved it back to a week from now, earlier. It changes nothing now.
    #[test]
    fn a_snooze_never_brings_the_next_check_in_sooner() {
        let mut record = CheckinRecord::start(plan(Metric::Sales, 10.0), Every::Month, JAN_1, &rules());
        let now = date(2026, 2, 1) + 3600;
        record.log(
            Checkin {
                at: now,
                sales: Some(3.0),
                ..Checkin::default()
            },
            &rules(),
        );
        let after_log = record.next_due.expect("a next check-in");
        assert!(after_log > now + 7 * DAY, "the next slot is a month on");
        record.snooze(now, &rules());
        assert_eq!(record.next_due, Some(after_log));
    }

    struct Case {
        name: &'static str,
        metric: Metric,
        below: f64,
        /// (month of the log, spend, value).
        logs: &'static [(u32, f64, f64)],
        now_month: u32,
        status: PlanVerdict,
        over_plan: bool,
    }

    /// A table test, long on purpose: one row per case (the log, the month, the verdict expected
    /// and whether the spend runs over plan), the cases read side by side.
    #[test]
    fn the_verdict_follows_the_owners_rule() {
        let cases = [
            Case {
                name: "on track: 1,500 then 4,000 followers, a line rising 2,500 a month, reaches 14,000 by six",
                metric: Metric::Followers,
                below: 10_000.0,
                logs: &[(1, 1000.0, 1500.0), (2, 1000.0, 4000.0)],
                now_month: 2,
                status: PlanVerdict::OnTrack,
                over_plan: false,
            },
            Case {
                name: "behind: 2 then 3 sales, a line rising 1 a month, reaches 7 a month by six, under 10",
                metric: Metric::Sales,
                below: 10.0,
                logs: &[(1, 1000.0, 2.0), (2, 1000.0, 3.0)],
                now_month: 2,
                status: PlanVerdict::Behind,
                over_plan: false,
            },
            Case {
                name: "reached: still under 10,000 followers at month six",
                metric: Metric::Followers,
                below: 10_000.0,
                logs: &[(3, 3000.0, 4000.0), (6, 3000.0, 8000.0)],
                now_month: 6,
                status: PlanVerdict::FailurePointReached,
                over_plan: false,
            },
            Case {
                name: "passed: 12 leads in month six, over the line of 10",
                metric: Metric::Leads,
                below: 10.0,
                logs: &[(5, 5000.0, 2.0), (6, 1000.0, 12.0)],
                now_month: 6,
                status: PlanVerdict::Passed,
                over_plan: false,
            },
            Case {
                name: "spend over plan: $3,000 by month two of $1,000 a month",
                metric: Metric::Sales,
                below: 10.0,
                logs: &[(1, 1500.0, 4.0), (2, 1500.0, 8.0)],
                now_month: 2,
                status: PlanVerdict::OnTrack,
                over_plan: true,
            },
            Case {
                name: "nothing logged at the first check-in: too early to judge, not behind",
                metric: Metric::Sales,
                below: 10.0,
                logs: &[],
                now_month: 1,
                status: PlanVerdict::TooEarly,
                over_plan: false,
            },
            Case {
                name: "one check-in is not a pace: 3 sales in month one is too early to judge",
                metric: Metric::Sales,
                below: 5.0,
                logs: &[(1, 1000.0, 3.0)],
                now_month: 1,
                status: PlanVerdict::TooEarly,
                over_plan: false,
            },
            Case {
                name: "one check-in of nothing in month three is still too early to judge",
                metric: Metric::Sales,
                below: 10.0,
                logs: &[(3, 3000.0, 0.0)],
                now_month: 3,
                status: PlanVerdict::TooEarly,
                over_plan: false,
            },
            Case {
                name: "two check-ins of nothing: behind",
                metric: Metric::Sales,
                below: 10.0,
                logs: &[(2, 2000.0, 0.0), (3, 1000.0, 0.0)],
                now_month: 3,
                status: PlanVerdict::Behind,
                over_plan: false,
            },
            Case {
                name: "zero results at the end: the failure point is reached",
                metric: Metric::Sales,
                below: 10.0,
                logs: &[(6, 6000.0, 0.0)],
                now_month: 6,
                status: PlanVerdict::FailurePointReached,
                over_plan: false,
            },
        ];
        for case in cases {
            let mut record = CheckinRecord::start(plan(case.metric, case.below), Every::Month, JAN_1, &rules());
            for &(month, spend, value) in case.logs {
                let mut checkin = Checkin {
                    at: add_months(JAN_1, month),
                    spend: Some(spend),
                    ..Checkin::default()
                };
                match case.metric {
                    Metric::Followers => checkin.followers = Some(value),
                    Metric::Leads => checkin.leads = Some(value),
                    Metric::Sales => checkin.sales = Some(value),
                }
                record.log(checkin, &rules());
            }
            let seen = progress(Some(&record), add_months(JAN_1, case.now_month), &rules());
            assert_eq!(seen.status, case.status, "{}: {seen:?}", case.name);
            assert_eq!(seen.spend_over_plan, case.over_plan, "{}: {seen:?}", case.name);
            assert_eq!(seen.month, case.now_month, "{}", case.name);
            assert_eq!(seen.of, 6);
            assert_eq!(seen.planned, 1000.0 * f64::from(case.now_month), "{}", case.name);
            let behind_or_over = seen.status == PlanVerdict::Behind || seen.spend_over_plan;
            assert_eq!(seen.back_on_track.is_some(), behind_or_over, "{}: {seen:?}", case.name);
        }

        let none = progress(None, JAN_1, &rules());
        assert_eq!(none.status, PlanVerdict::NoPlan);
        assert_eq!((none.month, none.of, none.value, none.stop_below), (0, 0, None, None));
    }

    #[test]
    fn the_return_is_sales_times_the_sale_value_and_back_on_track_has_its_figures() {
        let mut record = CheckinRecord::start(plan(Metric::Sales, 10.0), Every::Month, JAN_1, &rules());
        for (month, sales) in [(1, 2.0), (2, 3.0)] {
            record.log(
                Checkin {
                    at: add_months(JAN_1, month),
                    spend: Some(1500.0),
                    sales: Some(sales),
                    ..Checkin::default()
                },
                &rules(),
            );
        }
        let seen = progress(Some(&record), add_months(JAN_1, 2), &rules());
        assert_eq!(seen.returned, Some(500.0));
        assert_eq!(seen.spent, 3000.0);
        // The straight line through 2 then 3 sales rises 1 a month from 1: 7 by month six.
        assert_eq!(seen.projected, Some(7.0));
        let pace = seen.pace.as_ref().expect("the line the projection follows");
        assert_eq!((pace.start, pace.per_month, pace.checkins), (1.0, 1.0, 2));
        assert_eq!(seen.value, Some(3.0));
        let back = seen.back_on_track.unwrap();
        assert!((back.months_left - 4.0).abs() < 1e-9);
        // From 3 a month to 10 in four months; $3,000 left of $6,000 over four months.
        assert_eq!(back.rise_per_month, Some(1.75));
        assert_eq!(back.spend_per_month, Some(750.0));
        let points: Vec<Option<f64>> = seen.checkins.iter().map(|p| p.value).collect();
        assert_eq!(points, [Some(2.0), Some(3.0)]);

        // Followers logged without any sales: no return to speak of.
        let mut followers = CheckinRecord::start(plan(Metric::Followers, 10_000.0), Every::Month, JAN_1, &rules());
        followers.log(
            Checkin {
                at: add_months(JAN_1, 1),
                followers: Some(900.0),
                ..Checkin::default()
            },
            &rules(),
        );
        assert_eq!(
            progress(Some(&followers), add_months(JAN_1, 1), &rules()).returned,
            None
        );
    }
}
