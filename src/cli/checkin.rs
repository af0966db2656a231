//! `outsource-advisor checkin`: logs this period's spend and results, then prints the verdict.
//!
//! Values are read by the project's readers, so "$1.2k" and "4,200" work. What is not given on
//! the command line is asked for when stdin is a terminal (the spend and the plan's metric); an
//! unreadable value is named with the reader's reason and nothing is logged.

use crate::store::Wait;
use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global, UserArg};
use crate::advisor::checkin::{self, Checkin, CheckinRules};
use crate::advisor::content::AnswerKind;
use crate::advisor::read::{self, Metric, Reading, Unreadable};
use crate::advisor::{display, Content};
use crate::clock;
use crate::text;

/// Values may start with a hyphen ("-3"), so that the reader, not the option parser, says why
/// they are refused.
#[derive(Debug, Args)]
pub struct CheckinArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// Spent on social media since the last check-in ("$1.2k", "900").
    #[arg(long, allow_hyphen_values = true)]
    pub spend: Option<String>,
    /// Followers now.
    #[arg(long, allow_hyphen_values = true)]
    pub followers: Option<String>,
    /// Leads this month.
    #[arg(long, allow_hyphen_values = true)]
    pub leads: Option<String>,
    /// Sales from social media this month.
    #[arg(long, allow_hyphen_values = true)]
    pub sales: Option<String>,
}

#[derive(Clone, Copy)]
enum Field {
    Spend,
    Followers,
    Leads,
    Sales,
}

impl Field {
    fn option(self) -> &'static str {
        match self {
            Field::Spend => "spend",
            Field::Followers => "followers",
            Field::Leads => "leads",
            Field::Sales => "sales",
        }
    }

    fn read(self, text: &str) -> Result<f64, Unreadable> {
        match self {
            Field::Spend => read::read_money(text)?.number().ok_or(Unreadable::NoAmount),
            _ => read_count(text),
        }
    }

    fn example_key(self) -> &'static str {
        match self {
            Field::Spend => "checkin.example_money",
            _ => "checkin.example_count",
        }
    }
}

/// A count (followers, leads, sales) by the number reader, except that "1.2k" or "2k" is 1,200
/// or 2,000, as the money reader reads the suffix: the number reader, made for years and months,
/// keeps only the 1.2. An amount of money is not a count, and is refused.
fn read_count(text: &str) -> Result<f64, Unreadable> {
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

fn reason(content: &Content, field: Field, problem: &Unreadable) -> String {
    let m = &content.messages;
    let example = m.get(field.example_key());
    // A value in another kind's unit is refused naming what the option needs: money for the
    // spend, a number (the role of the budget question's kind) for the counts.
    let question = match field {
        Field::Spend => content.questions.iter().find(|q| q.kind == AnswerKind::Money),
        Field::Followers | Field::Leads | Field::Sales => None,
    };
    m.fill(
        "checkin.unreadable_option",
        &[
            ("option", field.option()),
            ("reason", &display::problem(content, question, problem, example)),
        ],
    )
}

/// Asks for one value on the terminal until it reads or is skipped with Enter.
fn ask(content: &Content, field: Field) -> Result<Option<f64>, String> {
    let prompt = content.messages.get(match field {
        Field::Spend => "checkin.ask_spend",
        Field::Followers => "checkin.ask_followers",
        Field::Leads => "checkin.ask_leads",
        Field::Sales => "checkin.ask_sales",
    });
    loop {
        print!("{prompt}");
        io::stdout().flush().map_err(|err| err.to_string())?;
        let mut line = String::new();
        if io::stdin().lock().read_line(&mut line).map_err(|err| err.to_string())? == 0 {
            return Ok(None);
        }
        if line.trim().is_empty() {
            return Ok(None);
        }
        match field.read(&line) {
            Ok(value) => return Ok(Some(value)),
            Err(problem) => println!("{}", reason(content, field, &problem)),
        }
    }
}

pub fn run(global: &Global, args: &CheckinArgs) -> CliResult {
    let content = super::content(global)?;
    let m = &content.messages;
    let now = clock::from_env()?.now();
    let rules = CheckinRules::from_content(&content);
    let user = args.user.id();
    let name = args.user.user.as_str();

    // Every value given is read before anything is opened or written.
    let mut values = [None; 4];
    let fields = [Field::Spend, Field::Followers, Field::Leads, Field::Sales];
    let given = [&args.spend, &args.followers, &args.leads, &args.sales];
    for ((field, text), value) in fields.iter().zip(given).zip(values.iter_mut()) {
        if let Some(text) = text {
            match field.read(text) {
                Ok(read) => *value = Some(read),
                Err(problem) => {
                    eprintln!("{}", reason(&content, *field, &problem));
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
    }

    let store = super::store(global)?;
    let Some(record) = store.checkins(&user).wait().map_err(|err| err.to_string())? else {
        println!("{}", m.fill("checkin.not_set_up", &[("user", name)]));
        return Ok(ExitCode::FAILURE);
    };
    if io::stdin().is_terminal() {
        let wanted: &[Field] = match record.plan.metric {
            Metric::Followers => &[Field::Spend, Field::Followers],
            Metric::Leads | Metric::Sales => &[Field::Spend, Field::Leads, Field::Sales],
        };
        for &field in wanted {
            let slot = &mut values[field as usize];
            if slot.is_none() {
                *slot = ask(&content, field)?;
            }
        }
    }
    if values.iter().all(Option::is_none) {
        eprintln!("{}", m.get("checkin.nothing_to_log"));
        return Ok(ExitCode::FAILURE);
    }
    let [spend, followers, leads, sales] = values;
    let logged = Checkin {
        at: now,
        spend,
        followers,
        leads,
        sales,
    };
    let record = store
        .update_checkins(&user, &mut |record| {
            record.map(|mut record| {
                record.log(logged.clone(), &rules);
                record
            })
        })
        .wait()
        .map_err(|err| err.to_string())?;
    println!("{}\n", m.fill("checkin.logged", &[("when", &text::when(now))]));
    let progress = checkin::progress(record.as_ref(), now, &rules);
    println!("{}", super::progress::render(&content, &progress, false));
    Ok(ExitCode::SUCCESS)
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
