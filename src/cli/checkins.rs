//! `outsource-advisor checkins --on|--off`: opts in to (or out of) check-ins at the failure point.

use crate::store::Wait;
use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global, UserArg};
use crate::advisor::checkin::{CheckinRecord, CheckinRules, Every, NoPlan, Plan, PlanInputs};
use crate::advisor::display;
use crate::clock;
use crate::session::Session;
use crate::text;

#[derive(Debug, Args)]
#[group(id = "switch", required = true, multiple = false, args = ["on", "off"])]
pub struct CheckinsArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// Turn check-ins on, from the failure point of the saved answers.
    #[arg(long)]
    pub on: bool,
    /// Turn them off (the plan and the log are kept until `forget`).
    #[arg(long)]
    pub off: bool,
    /// How often: 1m (every month, the default) or 2w (every two weeks).
    #[arg(long, value_parser = parse_every, default_value = "1m")]
    pub every: Every,
}

/// "1m", "month", "monthly" or "2w", "two weeks", "fortnightly".
fn parse_every(text: &str) -> Result<Every, String> {
    let plain: String = text.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    match plain.as_str() {
        "1m" | "m" | "month" | "monthly" | "1month" => Ok(Every::Month),
        "2w" | "2weeks" | "twoweeks" | "fortnight" | "fortnightly" | "biweekly" => Ok(Every::TwoWeeks),
        _ => Err(format!("{text:?}: use 1m (every month) or 2w (every two weeks)")),
    }
}

pub fn run(global: &Global, args: &CheckinsArgs) -> CliResult {
    let content = super::content(global)?;
    let m = &content.messages;
    let now = clock::from_env()?.now();
    let rules = CheckinRules::from_content(&content);
    let store = super::store(global)?;
    let user = args.user.id();
    let name = args.user.user.as_str();

    if args.off {
        let mut found = false;
        store
            .update_checkins(&user, &mut |record| {
                found = record.is_some();
                record.map(|mut record| {
                    record.turn_off();
                    record
                })
            })
            .wait()
            .map_err(|err| err.to_string())?;
        if !found {
            println!("{}", m.fill("checkin.not_set_up", &[("user", name)]));
            return Ok(ExitCode::FAILURE);
        }
        println!("{}", m.fill("checkin.off", &[("user", name)]));
        return Ok(ExitCode::SUCCESS);
    }

    let (interview, advice) = Session::new(&content, &*store)
        .advice(&user)
        .wait()
        .map_err(|err| err.to_string())?;
    if !interview.answers.is_empty() && !advice.outcome.is_some_and(|o| PlanInputs::applies_to(&content, o)) {
        let outcome = match advice.outcome {
            Some(outcome) => m.get(&format!("outcome.{}.title", outcome.id())).to_owned(),
            None => m.get("advice.need_more_heading").to_owned(),
        };
        println!(
            "{}",
            m.fill("checkin.no_spend", &[("user", name), ("outcome", &outcome)])
        );
        return Ok(ExitCode::FAILURE);
    }
    let plan = match PlanInputs::from_advice(&advice).plan(now) {
        Ok(plan) => plan,
        Err(NoPlan { missing }) => {
            println!(
                "{}",
                m.fill(
                    "checkin.no_plan",
                    &[("parts", &crate::view::checkin::parts(&content, &missing))]
                )
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let record = store
        .update_checkins(&user, &mut |record| {
            Some(match record {
                // Turned on again: the rule is taken afresh from the answers (they may have set
                // their own parts since), counted from the same start; the log stays.
                Some(mut record) => {
                    record.plan = Plan {
                        started: record.plan.started,
                        ..plan.clone()
                    };
                    record.turn_on(args.every, now, &rules);
                    record
                }
                None => CheckinRecord::start(plan.clone(), args.every, now, &rules),
            })
        })
        .wait()
        .map_err(|err| err.to_string())?
        .ok_or("the check-ins were not saved")?;
    let plan = &record.plan;
    let money = |amount: f64| display::money(amount.round(), plan.currency.as_deref());
    let every = match record.every {
        Every::Month => m.get("checkin.every_month"),
        Every::TwoWeeks => m.get("checkin.every_two_weeks"),
    };
    let months = plan.months.to_string();
    println!(
        "{}",
        m.fill(
            "checkin.on",
            &[
                ("user", name),
                ("every", every),
                ("months", &months),
                ("end", &text::when(plan.end())),
                ("next", &record.next_due.map(text::when).unwrap_or_default()),
            ],
        )
    );
    let metric = m.get(&format!("checkin.rule_{}", plan.metric.id())).to_owned();
    println!(
        "{}",
        m.fill(
            "checkin.rule",
            &[
                ("per_month", &money(plan.per_month)),
                ("months", &months),
                ("total", &money(plan.total())),
                ("below", &display::number(plan.below)),
                ("metric", &metric),
            ],
        )
    );
    if !plan.proposed.is_empty() {
        println!(
            "{}",
            m.fill(
                "checkin.proposed",
                &[("parts", &crate::view::checkin::parts(&content, &plan.proposed))]
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reads_the_usual_ways_of_saying_it_and_refuses_the_rest() {
        for text in ["1m", "month", "Monthly"] {
            assert_eq!(parse_every(text), Ok(Every::Month), "{text}");
        }
        for text in ["2w", "2 weeks", "fortnightly", "bi-weekly"] {
            assert_eq!(parse_every(text), Ok(Every::TwoWeeks), "{text}");
        }
        for text in ["3w", "daily", ""] {
            assert!(parse_every(text).is_err(), "{text}");
        }
    }
}
