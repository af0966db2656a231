//! `/checkins set:` and the check-in buttons: turn check-ins on (monthly or every two weeks) from
//! the advice's failure point, snooze one a week, stop them, and log a month by its form.
//!
//! The rule comes from the advice ([`PlanInputs::from_advice`]), as the terminal's `checkins --on`
//! takes it, so advice and check-ins hold the owner to the same failure point. Logged values are
//! read by the project's readers ([`Field::read`]); one that does not read is named with the
//! reader's reason and nothing is stored.

use serenity::all::{
    ButtonStyle, CommandOptionType, CreateActionRow, CreateCommandOption, CreateInputText, CreateModal, InputTextStyle,
    ResolvedOption,
};

use super::{string, CommandError, Invocation, Reply, SlashCommand};
use crate::advisor::checkin::{self, Checkin, CheckinRules, Every};
use crate::advisor::read::Metric;
use crate::app::checkins::{Found, Snoozed, TurnedOn};
use crate::discord::checkin_dm;
use crate::discord::custom_id::{Action, CustomId};
use crate::discord::DiscordUserId;
use crate::discord::{render, Data};
use crate::store::UserId;
use crate::view::checkin::Field;

/// `/checkins set:`'s choices.
pub(crate) const SET_CHOICES: [&str; 3] = ["monthly", "two_weeks", "off"];

/// `/checkins set: monthly | two_weeks | off`; with no option, the status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Checkins {
    /// No option: say whether they are on; asking enrols nobody.
    #[default]
    Status,
    Monthly,
    TwoWeeks,
    Off,
}

impl SlashCommand for Checkins {
    const NAME: &'static str = "checkins";

    fn options(describe: &dyn Fn(&str) -> String) -> Vec<CreateCommandOption> {
        // The choices' names are sentences too (`discord.commands.checkins_CHOICE`).
        let choice = |value: &str| describe(value);
        vec![SET_CHOICES
            .iter()
            .fold(
                CreateCommandOption::new(CommandOptionType::String, "set", describe("set")),
                |option, value| option.add_string_choice(choice(value), *value),
            )
            .required(false)]
    }

    fn parse(options: &[ResolvedOption<'_>]) -> Self {
        match string(options, "set") {
            Some("off") => Checkins::Off,
            Some("two_weeks") => Checkins::TwoWeeks,
            Some("monthly") => Checkins::Monthly,
            _ => Checkins::Status,
        }
    }

    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
        let owner = at.owner;
        let said = match self {
            Checkins::Status => status(data, owner).await?,
            Checkins::Off => stop(data, owner).await?,
            Checkins::TwoWeeks => turn_on(data, owner, Every::TwoWeeks).await?,
            Checkins::Monthly => turn_on(data, owner, Every::Month).await?,
        };
        Ok(Reply::Message(render::notice(&data.mention_commands(&said))))
    }
}

/// The offer under advice with a failure point: check in monthly, or every two weeks.
pub(crate) fn offer(data: &Data, owner: DiscordUserId) -> CreateActionRow {
    let m = &data.content.messages;
    CreateActionRow::Buttons(vec![
        render::button(
            owner,
            Action::CheckinsOn { two_weeks: false },
            m.get("discord.checkins_on_monthly"),
            ButtonStyle::Success,
        ),
        render::button(
            owner,
            Action::CheckinsOn { two_weeks: true },
            m.get("discord.checkins_on_two_weeks"),
            ButtonStyle::Secondary,
        ),
    ])
}

/// Turns check-ins on for `owner` from their advice's failure point (the scheduler is woken by
/// the use case).
pub(crate) async fn turn_on(data: &Data, owner: DiscordUserId, every: Every) -> Result<String, CommandError> {
    let content = &data.content;
    let m = &content.messages;
    let you = m.get("discord.you");
    Ok(match data.app().checkins_on(&UserId::discord(owner), every).await? {
        TurnedOn::On(record) => crate::view::checkin::turned_on(content, &record, you, render::when).join("\n"),
        TurnedOn::NoSpend(outcome) => {
            let outcome = crate::view::outcome_title(content, outcome);
            m.fill("checkin.no_spend", &[("user", you), ("outcome", &outcome)])
        }
        TurnedOn::NoPlan(missing) => {
            let parts = crate::view::checkin::parts(content, &missing);
            m.fill("discord.checkins_no_plan", &[("parts", &parts)])
        }
        TurnedOn::NotSaved => m.get("discord.error").to_owned(),
    })
}

/// *Stop check-ins* and `/checkins set: off`: nothing more is due; the plan and log stay.
pub(crate) async fn stop(data: &Data, owner: DiscordUserId) -> Result<String, CommandError> {
    let m = &data.content.messages;
    Ok(match data.app().checkins_off(&UserId::discord(owner)).await? {
        Found::NotSetUp => m.get("discord.checkins_not_set_up"),
        Found::Done(()) => m.get("discord.checkins_off"),
    }
    .to_owned())
}

/// *Snooze a week*: the check-in comes back a week from now (never sooner than it was due).
pub(crate) async fn snooze(data: &Data, owner: DiscordUserId) -> Result<String, CommandError> {
    let m = &data.content.messages;
    Ok(match data.app().snooze(&UserId::discord(owner)).await? {
        Found::NotSetUp => m.get("discord.checkins_not_set_up").to_owned(),
        Found::Done(Snoozed::Until(next)) => m.fill("discord.checkin_snoozed", &[("when", &render::when(next))]),
        Found::Done(Snoozed::NotOn) => m.get("discord.checkins_not_on").to_owned(),
    })
}

/// `/checkins` with no option: whether check-ins are on, how often, and when the next is due;
/// asking never turns them on.
pub(crate) async fn status(data: &Data, owner: DiscordUserId) -> Result<String, CommandError> {
    let m = &data.content.messages;
    Ok(match data.store.checkins(&UserId::discord(owner)).await? {
        None => m.get("discord.checkins_not_set_up").to_owned(),
        Some(record) => match record.next_due.filter(|_| record.on) {
            Some(next) => m.fill(
                "discord.card.checkins_status_on",
                &[
                    ("every", m.get(&format!("checkin.every_{}", every_id(record.every)))),
                    ("next", &render::when(next)),
                ],
            ),
            None => m.get("discord.card.checkins_status_off").to_owned(),
        },
    })
}

fn every_id(every: Every) -> &'static str {
    match every {
        Every::Month => "month",
        Every::TwoWeeks => "two_weeks",
    }
}

/// *Log this month*: the form, asking for the values of the owner's plan's metric.
pub(crate) async fn log_form(data: &Data, owner: DiscordUserId) -> Result<Reply, CommandError> {
    let content = &data.content;
    let m = &content.messages;
    let Some(record) = data.store.checkins(&UserId::discord(owner)).await? else {
        return Ok(Reply::Message(render::notice(m.get("discord.checkins_not_set_up"))));
    };
    let metric = record.plan.metric;
    let inputs = Field::wanted(metric)
        .iter()
        .map(|&field| {
            let input = CreateInputText::new(InputTextStyle::Short, render::fit(label(data, field), 45), field.id())
                .placeholder(m.get(field.example_key()))
                .max_length(100)
                .required(false);
            CreateActionRow::InputText(input)
        })
        .collect();
    let id = CustomId::new(owner, Action::CheckinForm { metric }).encode();
    Ok(Reply::Modal(
        CreateModal::new(id, render::fit(m.get("discord.checkin_modal_title"), 45)).components(inputs),
    ))
}

fn label(data: &Data, field: Field) -> &str {
    data.content.messages.get(match field {
        Field::Spend => "discord.checkin_spend_label",
        Field::Followers => "discord.checkin_followers_label",
        Field::Leads => "discord.checkin_leads_label",
        Field::Sales => "discord.checkin_sales_label",
    })
}

/// The form's submission: `values` in the order of [`Field::wanted`] for `metric`. Every value
/// is read before anything is stored; an unreadable one is re-asked, with nothing stored. Logged,
/// the check-in DM the form came from becomes "Logged ✓ month N", its buttons gone.
pub(crate) async fn logged(
    data: &Data,
    owner: DiscordUserId,
    metric: Metric,
    values: &[String],
) -> Result<Reply, CommandError> {
    let content = &data.content;
    let m = &content.messages;
    let mut checkin = Checkin {
        at: data.clock.now(),
        ..Checkin::default()
    };
    for (&field, text) in Field::wanted(metric).iter().zip(values) {
        if text.trim().is_empty() {
            continue;
        }
        let value = match field.read(text) {
            Ok(value) => value,
            Err(problem) => {
                let said = m.fill(
                    "discord.checkin_unreadable",
                    &[
                        ("field", label(data, field)),
                        ("reason", &field.reason(content, &problem)),
                    ],
                );
                return Ok(Reply::Message(render::notice(&said).components(vec![
                    CreateActionRow::Buttons(vec![render::button(
                        owner,
                        Action::CheckinLog,
                        m.get("discord.checkin_log"),
                        ButtonStyle::Primary,
                    )]),
                ])));
            }
        };
        let slot = match field {
            Field::Spend => &mut checkin.spend,
            Field::Followers => &mut checkin.followers,
            Field::Leads => &mut checkin.leads,
            Field::Sales => &mut checkin.sales,
        };
        *slot = Some(value);
    }
    if [checkin.spend, checkin.followers, checkin.leads, checkin.sales]
        .iter()
        .all(Option::is_none)
    {
        return Ok(Reply::Message(render::notice(m.get("discord.checkin_nothing"))));
    }
    let rules = CheckinRules::from_content(content);
    Ok(
        match data.app().log_checkin(&UserId::discord(owner), checkin.clone()).await? {
            Found::NotSetUp => Reply::Message(render::notice(m.get("discord.checkins_not_set_up"))),
            Found::Done(record) => {
                let progress = checkin::progress(Some(&record), checkin.at, &rules);
                let said = m.fill("discord.card.logged", &[("month", &progress.month.to_string())]);
                Reply::Update(
                    render::notice(&said)
                        .embeds(vec![checkin_dm::embed(content, &progress, false)])
                        .components(Vec::new()),
                )
            }
        },
    )
}
